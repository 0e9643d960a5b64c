// Lint rule: imports between the project's own modules run one way. Any cycle, through value or type-only imports,
// is reported at the import that starts it, with the whole circle named, so a small types module is cut out instead.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs'];

/** file -> { mtimeMs, imports: resolved absolute paths }; kept for the whole lint run. */
const graphCache = new Map();

function resolveRelative(fromFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), specifier);
  const stripped = base.replace(/\.(js|mjs)$/, '');
  for (const candidate of [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => resolve(base, 'index' + e))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Relative imports of a file, as written, with their resolved targets (comments are skipped). */
export function importsOf(file, text) {
  const source = (text ?? readFileSync(file, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const out = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const specifier = m[1] ?? m[2] ?? m[3];
    const target = resolveRelative(file, specifier);
    if (target) out.push({ specifier, target });
  }
  return out;
}

function targetsOf(file) {
  let mtimeMs;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = graphCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.imports;
  const imports = [...new Set(importsOf(file).map((i) => i.target))];
  graphCache.set(file, { mtimeMs, imports });
  return imports;
}

/** The shortest path of imports from `start` back to `file`, or null. */
function pathBack(start, file) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift();
    for (const next of targetsOf(at)) {
      if (next === file) {
        const path = [at];
        for (let p = previous.get(at); p; p = previous.get(p)) path.unshift(p);
        return path;
      }
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between project modules, type-only imports included.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{circle}}. Move what both sides need into a module of its own so the imports run one way.' },
  },
  create(context) {
    const file = context.physicalFilename;
    const cwd = context.cwd;
    const seen = new Set();
    const check = (node, specifier) => {
      const target = resolveRelative(file, specifier);
      if (!target || target === file || seen.has(target)) return;
      seen.add(target);
      const back = pathBack(target, file);
      if (!back) return;
      const circle = [file, ...back, file].map((p) => relative(cwd, p)).join(' → ');
      context.report({ node, messageId: 'cycle', data: { circle } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
