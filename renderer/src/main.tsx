import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/queue.css';
import './styles/queue-filters.css';
import './styles/queue-grid.css';
import './styles/application.css';
import './styles/dialog.css';
import './styles/forms.css';
import './styles/session.css';
import './styles/decision.css';
import './styles/force-majeure.css';
import './styles/work.css';
import './styles/print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { startApi } from './api/client';
import { createQueryClient } from './api/queries';
import { startI18n } from './i18n';
import { App } from './app/App';
import { ScreenErrorBoundary } from './app/ScreenErrorBoundary';

// Before anything renders: take the browser host's token out of the address bar, then load the language.
startApi();
startI18n();

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* Each screen has its own boundary; this one catches a fault in the frame around them. */}
      <ScreenErrorBoundary>
        <App />
      </ScreenErrorBoundary>
    </QueryClientProvider>
  </StrictMode>,
);
