import { protocol, type Session } from 'electron';
import type { Logger } from '../core/log';
import { APP_SCHEME, serveRendererFile } from './app-scheme';

/** Must run before `app` is ready: a standard, secure scheme gets a real origin, `fetch` and the secure-context APIs. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer on `app://console/` and refuses `file://` outright, so nothing the page does can
 * read the disk through a URL (VS Code's protocolMainService does the same with its own roots).
 */
export function serveRenderer(session: Session, rendererRoot: string, log: Logger): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    try {
      return await serveRendererFile(rendererRoot, request);
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message.slice(0, 200) : String(err) }, 'app:// request failed');
      return new Response('Internal error', { status: 500 });
    }
  });
  session.protocol.handle('file', () => new Response('Forbidden', { status: 403 }));
}
