/**
 * Markup to plain text paragraphs. Nothing from the web reaches the corpus as
 * markup: a corpus file holds words, one paragraph per block, so no tag,
 * script or Slack-special sequence is ever passed through as structure.
 */
import { parseHTML } from 'linkedom';

/** Elements whose text is never article text. */
const DROPPED = 'script, style, noscript, template, iframe, object, embed, svg, math, canvas, form, button, select, textarea, input, nav, aside, footer';

/** Elements that end a paragraph. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'BR', 'TD', 'TH', 'CAPTION',
]);

/** The little of the DOM this module walks (the project compiles without the DOM lib). */
interface WalkNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<WalkNode>;
  readonly tagName?: string;
}

/** Plain text of an HTML fragment: paragraphs separated by a blank line, spaces collapsed inside each. */
export function htmlToParagraphs(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body><div id="aigov-root">${html}</div></body></html>`);
  const root = document.getElementById('aigov-root');
  if (!root) return [];
  for (const node of [...root.querySelectorAll(DROPPED)]) node.remove();
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = collapse(current);
    if (text.length > 0) paragraphs.push(text);
    current = '';
  };
  const walk = (node: WalkNode): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) current += child.textContent ?? '';
      else if (child.nodeType === 1) {
        const tag = (child.tagName ?? '').toUpperCase();
        const block = BLOCKS.has(tag);
        if (block) flush();
        walk(child);
        if (block) flush();
        else if (tag === 'IMG') current += ' ';
      }
    }
  };
  walk(root as unknown as WalkNode);
  flush();
  return paragraphs;
}

/** One line of plain text from a bit of HTML or text (a title, a source name). */
export function htmlToLine(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  return collapse(htmlToParagraphs(html).join(' '));
}

/** Collapses white space (including non-breaking and zero-width) and drops control characters. */
export function collapse(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
