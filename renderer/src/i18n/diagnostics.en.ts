import type { Catalogue } from './catalogue';
import type { ukDiagnostics } from './diagnostics.uk';

/** English texts of the diagnostics bundle for IT (issue 12). */
export const enDiagnostics: Catalogue<typeof ukDiagnostics> = {
  diagnostics: {
    title: 'Diagnostics for IT',
    lead: 'A bundle with versions, sync state, the database and audit log checks and the latest logs. It holds no personal data.',
    export: 'Save diagnostics bundle',
    written: 'Bundle saved ({{entries}} files, {{kilobytes}} KB):',
    integrityFailed: 'The database integrity check found errors: pass the bundle to IT.',
    auditBroken: 'The audit log chain is broken: pass the bundle to IT.',
  },
};
