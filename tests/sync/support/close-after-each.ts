import { afterEach } from 'vitest';

type Closable = { dispose(): Promise<void> | void } | { close(): Promise<void> | void };

/**
 * What a test starts (a central server, a fault proxy, a workstation), closed after it in the reverse order it was
 * started: the workstation before the proxy it talks through, the proxy before the central behind it.
 */
export function closeAfterEach(): <T extends Closable>(started: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const started of open.splice(0).reverse()) await ('dispose' in started ? started.dispose() : started.close());
  });
  return (started) => {
    open.push(started);
    return started;
  };
}
