import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
import noImportCycle from '../../scripts/eslint-rules/no-import-cycle.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function lint(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cycle-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as never },
        plugins: { project: { rules: { 'no-import-cycle': noImportCycle as never } } },
        rules: { 'project/no-import-cycle': 'error' },
      },
    ],
  });
  const results = await eslint.lintFiles(['**/*.ts']);
  return results.flatMap((r) => r.messages.map((m) => m.message));
}

describe('the import-cycle lint rule', () => {
  it('reports a circle made of type-only imports, naming every module on it', async () => {
    const messages = await lint({
      'svc/push.ts': "import { apply } from './push-application';\nexport class BatchState {}\nexport const run = () => apply;\n",
      'svc/push-application.ts': "import type { BatchState } from './push';\nexport const apply = (b: BatchState) => b;\n",
    });
    expect(messages).toHaveLength(2);
    expect(messages).toContainEqual(expect.stringContaining('svc/push.ts → svc/push-application.ts → svc/push.ts'));
  });

  it('reports a longer circle through three modules and index files', async () => {
    const messages = await lint({
      'a.ts': "export { b } from './b';\n",
      'b/index.ts': "import { c } from '../c.js';\nexport const b = c;\n",
      'c.ts': "import * as a from './a';\nexport const c = a;\n",
    });
    expect(messages).toHaveLength(3);
  });

  it('accepts imports that run one way through a types module, and ignores packages', async () => {
    const messages = await lint({
      'push-types.ts': 'export class BatchState {}\n',
      'push.ts': "import { apply } from './push-application';\nimport { BatchState } from './push-types';\nimport { z } from 'zod';\nexport const run = () => apply(new BatchState(), z);\n",
      'push-application.ts': "import type { BatchState } from './push-types';\n// import { run } from './push';\nexport const apply = (b: BatchState, z: unknown) => [b, z];\n",
    });
    expect(messages).toEqual([]);
  });
});
