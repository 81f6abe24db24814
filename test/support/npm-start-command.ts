/**
 * The command `npm start` runs the bot with, read from package.json, so the
 * npm start test and the benchmark run exactly what users run (the V8 heap
 * flags and the allocator setting there change the bot's memory and latency).
 */
import fs from 'node:fs';
import path from 'node:path';

/** What `npm start` runs after its build check: environment settings it adds, and node's arguments. */
export interface NpmStartCommand {
  /** `VAR=value` assignments before `exec node` (e.g. glibc's MALLOC_MMAP_THRESHOLD_). */
  readonly env: Record<string, string>;
  /** node's arguments, the script's path made absolute under `root`. */
  readonly args: string[];
}

/**
 * `scripts.start` is `tsc -b … && [VAR=value…] exec node <args>`; this is
 * the assignments and `<args>` (e.g. `['--expose-gc', '/repo/dist/main.js']`),
 * so the bot can be started from any directory exactly as npm starts it.
 */
export function npmStartCommand(root: string): NpmStartCommand {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.['start'] ?? '';
  const match = /(?:^|&&\s*)((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*)(?:exec\s+)?node\s+([^&|;]+)$/.exec(start.trim());
  if (match === null) throw new Error(`package.json scripts.start does not end in '[VAR=value…] exec node <args>': '${start}'`);
  const env: Record<string, string> = {};
  for (const assignment of (match[1] as string).trim().split(/\s+/).filter((a) => a !== '')) {
    const at = assignment.indexOf('=');
    env[assignment.slice(0, at)] = assignment.slice(at + 1);
  }
  const args = (match[2] as string)
    .trim()
    .split(/\s+/)
    .map((arg) => (arg.startsWith('-') ? arg : path.resolve(root, arg)));
  return { env, args };
}
