/**
 * The domain stays plain: src/core imports nothing from the rest of src/
 * (runtime, Slack, store, corpus files, wiring) and no module that does I/O,
 * runs threads or talks to Slack or a database. Read from the source text, so
 * a new file or a dynamic import is held to it too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const CORE = path.join(SRC, 'core');

/** Modules that read or write files, open sockets, start threads or processes, or are Slack's or a database's. */
const FORBIDDEN = [
  /^node:(fs|fs\/promises|worker_threads|child_process|cluster|net|http|https|http2|dgram|dns|tls|readline)$/,
  /^(fs|fs\/promises|worker_threads|child_process|net|http|https)$/,
  /^@slack\//,
  /^(better-sqlite3|pg|kysely|undici|pino|dotenv|ws)$/,
];

/** Every module specifier a TypeScript file names: `import … from`, `export … from`, bare `import '…'`, `import('…')`. */
function specifiersIn(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1] ?? '');
  return found;
}

/** Why `specifier`, imported by `file`, breaks the rule; null when it keeps it. */
function breach(file: string, specifier: string): string | null {
  if (specifier.startsWith('.')) {
    const target = path.resolve(path.dirname(file), specifier);
    return target.startsWith(CORE + path.sep) ? null : `imports ${path.relative(SRC, target)}, outside core/`;
  }
  return FORBIDDEN.some((pattern) => pattern.test(specifier)) ? `imports ${specifier}` : null;
}

function coreFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe('src/core is the domain only', () => {
  it('imports nothing outside core/ and no I/O, thread, Slack or database module', () => {
    const files = coreFiles(CORE);
    expect(files.length).toBeGreaterThan(40);
    const breaches = files.flatMap((file) =>
      specifiersIn(fs.readFileSync(file, 'utf8')).flatMap((specifier) => {
        const why = breach(file, specifier);
        return why === null ? [] : [`${path.relative(SRC, file)} ${why}`];
      }),
    );
    expect(breaches).toEqual([]);
  });

  it('would see each kind of breach', () => {
    const file = path.join(CORE, 'search', 'example.ts');
    const source = [
      "import { readFile } from 'node:fs/promises';",
      "import type { Store } from '../../store/store.ts';",
      "export { breathe } from '../../runtime/breathe.ts';",
      "const { App } = await import('@slack/bolt');",
      "import { tokens } from '../text.ts';",
      "import MiniSearch from 'minisearch';",
    ].join('\n');
    const found = specifiersIn(source).map((specifier) => breach(file, specifier));
    expect(found.filter((why) => why !== null).sort()).toEqual([
      'imports @slack/bolt',
      'imports node:fs/promises',
      'imports runtime/breathe.ts, outside core/',
      'imports store/store.ts, outside core/',
    ]);
    expect(found.filter((why) => why === null)).toHaveLength(2);
  });
});
