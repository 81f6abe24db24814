/**
 * The node arguments `npm start` runs the bot with, read from package.json,
 * so the npm start test and the benchmark run exactly what users run (the
 * V8 heap flags there change the bot's memory and latency).
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * `scripts.start` is `tsc -b … && exec node <args>`; this is `<args>`, the
 * script's path made absolute under `root` (e.g. `['--expose-gc', '/repo/dist/index.js']`),
 * so the bot can be started from any directory.
 */
export function npmStartNodeArgs(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.['start'] ?? '';
  const match = /(?:^|&&\s*)(?:exec\s+)?node\s+([^&|;]+)$/.exec(start.trim());
  if (match === null) throw new Error(`package.json scripts.start does not end in 'node <args>': '${start}'`);
  return (match[1] as string)
    .trim()
    .split(/\s+/)
    .map((arg) => (arg.startsWith('-') ? arg : path.resolve(root, arg)));
}
