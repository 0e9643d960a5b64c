import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** The page's own Content-Security-Policy is written in renderer/index.html; it must be the shared one, first in <head>. */
describe("renderer/index.html's Content-Security-Policy", () => {
  const html = readFileSync(resolve('renderer/index.html'), 'utf8');

  it('is the shared policy for a meta tag, word for word', () => {
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1]);
    expect(metas).toEqual([META_CONTENT_SECURITY_POLICY]);
  });

  it('comes before any other element of <head> (before anything it should govern)', () => {
    const head = html.slice(html.indexOf('<head>') + '<head>'.length).trimStart();
    expect(head.startsWith('<meta http-equiv="Content-Security-Policy"')).toBe(true);
  });
});
