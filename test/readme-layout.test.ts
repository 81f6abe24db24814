/**
 * The README's layout section stays true: every folder of src/ is named in it
 * (`name/`), and every file, by its name or its name without the extension
 * (`search-results` in a list of render modules).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function layoutSection(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Layout\n');
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

function entries(dir: string): { dirs: string[]; files: string[] } {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      dirs.push(full);
      const inner = entries(full);
      dirs.push(...inner.dirs);
      files.push(...inner.files);
    } else files.push(full);
  }
  return { dirs, files };
}

const named = (section: string, word: string): boolean =>
  new RegExp(`(^|[\\s(,/])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s),:;/.])`, 'm').test(section);

describe("README's layout section", () => {
  it('names every folder and file of src/', () => {
    const section = layoutSection();
    const { dirs, files } = entries(path.join(ROOT, 'src'));
    const missing = [
      ...dirs.filter((dir) => !section.includes(`${path.basename(dir)}/`)).map((dir) => `${path.relative(ROOT, dir)}/`),
      ...files
        .filter((file) => {
          const name = path.basename(file);
          return !named(section, name) && !named(section, name.replace(/\.[^.]+$/, ''));
        })
        .map((file) => path.relative(ROOT, file)),
    ];
    expect(missing).toEqual([]);
  });
});
