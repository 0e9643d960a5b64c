import { mkdirSync } from 'node:fs';
import { pino, type Logger as PinoLogger } from 'pino';
import { createStream } from 'rotating-file-stream';

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug' | 'child'>;

export interface LogOptions {
  /** Folder for the rotating log files; when absent, logs go nowhere (tests). */
  dir?: string;
  level?: string;
  /** Also write to standard output (the browser host in a terminal). */
  stdout?: boolean;
}

/**
 * Structured logs that rotate daily or at 10 MB, keeping 14 files. Callers log ids and codes only:
 * the redact list is a second line of defence against personal data slipping in.
 */
export function createLogger(options: LogOptions = {}): Logger {
  const streams: pino.StreamEntry[] = [];
  if (options.dir) {
    mkdirSync(options.dir, { recursive: true });
    const file = createStream('console.log', { path: options.dir, size: '10M', interval: '1d', maxFiles: 14 });
    streams.push({ stream: file });
  }
  if (options.stdout) streams.push({ stream: process.stdout });
  if (streams.length === 0) return pino({ enabled: false });
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      redact: {
        paths: ['*.surname', '*.givenName', '*.patronymic', '*.rnokpp', '*.phone', '*.email', '*.search', 'search', 'query', '*.address'],
        censor: '[redacted]',
      },
    },
    pino.multistream(streams),
  );
}
