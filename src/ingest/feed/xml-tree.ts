/**
 * A feed's XML as a small tree, read the way lenient feed readers read it:
 * htmlparser2 in XML mode never gives up (an unescaped `&` stays a `&`, a
 * missing close tag is closed where its parent closes), so what can be read
 * is read. Whether the document was well-formed is decided apart, by
 * fast-xml-parser's validator plus a check for entities XML does not define
 * (`&nbsp;` without a DTD), and reported as `malformed`.
 *
 * Text is decoded with the HTML entity table (every named entity and numeric
 * reference, `&#150;` read as Windows-1252 does, as browsers do): feeds use
 * HTML entities without declaring them. CDATA is kept verbatim. Namespaces
 * are resolved to the usual prefixes (`dc`, `content`, `atom`, `rdf`…), so a
 * feed that binds Atom to `a:` reads like one that uses the default namespace.
 */
import { Parser } from 'htmlparser2';
import { decodeHTMLStrict } from 'entities';
import { XMLValidator } from 'fast-xml-parser';

export interface XmlText {
  readonly kind: 'text';
  /** Entities decoded (CDATA as written). */
  readonly text: string;
}

export interface XmlElement {
  readonly kind: 'element';
  /** `prefix:local` with the namespace's usual prefix, or `local` for no namespace or RSS's own namespaces. */
  readonly key: string;
  /** The name as written. */
  readonly name: string;
  /** Attribute values with entities decoded, by the name as written. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (XmlElement | XmlText)[];
  /** The base URL in force: `xml:base` (resolved against its parent's), else the document's; null when neither. */
  readonly base: string | null;
  /** An `xml:base` is in force (on this element or an ancestor), not only the document's location. */
  readonly xmlBase: boolean;
}

export interface XmlDocument {
  readonly root: XmlElement | null;
  /** Not well-formed XML (what a strict parser would refuse); the tree holds what could be read. */
  readonly malformed: boolean;
  /** Why, when malformed (the first problem found). */
  readonly problem: string | null;
}

/** Namespace URIs (lower-case, without a trailing `#` or `/`) to the prefix used in keys; '' means "no namespace". */
const KNOWN_NAMESPACES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns': 'atom',
  'http://purl.org/rss/1.0': '',
  'http://my.netscape.com/rdf/simple/0.9': '',
  'http://backend.userland.com/rss2': '',
  'http://backend.userland.com/rss': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
  'http://purl.org/rss/1.0/modules/content': 'content',
  'http://purl.org/dc/elements/1.1': 'dc',
  'http://purl.org/dc/terms': 'dcterms',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/xml/1998/namespace': 'xml',
};

/**
 * Elements nested deeper than this are read as text of the element at this
 * depth: no feed needs more, and the tree is walked recursively (a hostile
 * feed of deeply nested elements would otherwise exhaust the stack).
 */
export const MAX_XML_DEPTH = 256;

/** The five entities XML defines; any other named one needs a DTD. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

interface OpenElement {
  readonly element: XmlElement;
  /** Prefix → namespace URI in scope here. */
  readonly scope: ReadonlyMap<string, string>;
}

/** Reads `text` as XML, leniently; `documentBase` is where relative `xml:base` values resolve from. */
export function parseXmlTree(text: string, documentBase: string | null): XmlDocument {
  const declared = declaredEntities(text);
  // An external DTD (RSS 0.91's Netscape one declares the HTML entities) may define any entity: none is called undefined.
  const externalDtd = /<!DOCTYPE\s+[\w:.-]+\s+(?:PUBLIC|SYSTEM)\b/i.test(text.slice(0, 4096));
  let undefinedEntity: string | null = null;
  const decode = (raw: string): string => {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([A-Za-z][\w.-]*);|&#[xX]?[0-9a-fA-F]+;/g, (ref: string, name: string | undefined) => {
      if (name === undefined || XML_ENTITIES.has(name)) return decodeHTMLStrict(ref);
      const own = declared.get(name);
      if (own !== undefined) return own;
      if (!externalDtd) undefinedEntity ??= name;
      return decodeHTMLStrict(ref);
    });
  };

  const rootScope = new Map<string, string>([['xml', 'http://www.w3.org/XML/1998/namespace']]);
  const stack: OpenElement[] = [];
  let root: XmlElement | null = null;
  let inCdata = false;
  /** Open elements beyond MAX_XML_DEPTH: not in the tree, their text goes to the deepest one kept. */
  let tooDeep = 0;

  const append = (node: XmlElement | XmlText): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.element.children.push(node);
  };
  const parser = new Parser(
    {
      onopentag(name, rawAttrs) {
        if (stack.length >= MAX_XML_DEPTH) {
          tooDeep += 1;
          return;
        }
        const parent = stack[stack.length - 1];
        const scope = new Map(parent?.scope ?? rootScope);
        const attrs: Record<string, string> = {};
        for (const [attr, value] of Object.entries(rawAttrs)) {
          const decoded = decode(value);
          attrs[attr] = decoded;
          if (attr === 'xmlns') scope.set('', decoded);
          else if (attr.startsWith('xmlns:')) scope.set(attr.slice('xmlns:'.length), decoded);
        }
        const parentBase = parent ? parent.element.base : documentBase;
        const xmlBase = attrs['xml:base'] !== undefined || (parent?.element.xmlBase ?? false);
        const element: XmlElement = { kind: 'element', key: keyOf(name, scope), name, attrs, children: [], base: resolveBase(attrs['xml:base'], parentBase), xmlBase };
        if (parent) parent.element.children.push(element);
        else root ??= element;
        if (parent || root === element) stack.push({ element, scope });
      },
      onclosetag() {
        if (tooDeep > 0) tooDeep -= 1;
        else stack.pop();
      },
      ontext(data) {
        append({ kind: 'text', text: inCdata ? data : decode(data) });
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.write(withinDepth(text, MAX_XML_DEPTH));
  parser.end();

  const validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  const problem =
    validation !== true ? `${validation.err.msg} (line ${validation.err.line})` : undefinedEntity !== null ? `the entity &${undefinedEntity}; is not defined in XML` : null;
  return { root, malformed: problem !== null, problem };
}

/**
 * The text with every tag nested deeper than `max` taken out (their text
 * stays). htmlparser2's open-element stack costs time growing with its depth
 * at every tag, so a hostile feed of deeply nested (or never closed) tags
 * costs time quadratic in its size; this linear pass keeps it linear
 * (BENCHMARKS.md, Feed reading: cost). A close tag closes
 * the elements left open inside it, as htmlparser2 does (so a feed full of
 * unclosed `<br>` in its descriptions is not taken for a deep one); one that
 * closes nothing near the top is ignored. Unchanged when no tag goes that deep.
 */
function withinDepth(text: string, max: number): string {
  const tags = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<(\/?)([A-Za-z_][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  const open: string[] = [];
  let cut: string[] | null = null;
  let last = 0;
  for (let m = tags.exec(text); m !== null; m = tags.exec(text)) {
    const [tag, closing, name, selfClosing] = m;
    if (name === undefined) continue;
    let deep: boolean;
    if (closing) {
      let at = -1;
      for (let i = open.length - 1; i >= Math.max(0, open.length - 2 * max); i -= 1) {
        if (open[i] === name) {
          at = i;
          break;
        }
      }
      const found = at >= 0;
      deep = found && at >= max;
      if (found) open.length = at;
    } else {
      deep = open.length >= max;
      if (!selfClosing) open.push(name);
    }
    if (!deep) continue;
    (cut ??= []).push(text.slice(last, m.index));
    last = m.index + tag.length;
  }
  if (cut === null) return text;
  cut.push(text.slice(last));
  return cut.join('');
}

function keyOf(name: string, scope: ReadonlyMap<string, string>): string {
  const colon = name.indexOf(':');
  const prefix = colon >= 0 ? name.slice(0, colon) : '';
  const local = colon >= 0 ? name.slice(colon + 1) : name;
  const uri = scope.get(prefix);
  if (uri === undefined) return prefix === '' ? local : `${prefix.toLowerCase()}:${local}`;
  const known = KNOWN_NAMESPACES[uri.trim().toLowerCase().replace(/[#/]+$/, '')];
  // An unknown default namespace (`<rss xmlns="http://example.com/my-rss">`) is read as none, as lenient readers match on local names.
  const canonical = known ?? (prefix === '' ? '' : prefix.toLowerCase());
  return canonical === '' ? local : `${canonical}:${local}`;
}

function resolveBase(value: string | undefined, parentBase: string | null): string | null {
  if (value === undefined) return parentBase;
  try {
    return new URL(value.trim(), parentBase ?? undefined).href;
  } catch {
    return parentBase;
  }
}

/** `<!ENTITY name "value">` declared in the internal DTD subset. */
function declaredEntities(text: string): Map<string, string> {
  const entities = new Map<string, string>();
  const doctype = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(text.slice(0, 65_536));
  if (doctype) {
    for (const m of doctype[1]!.matchAll(/<!ENTITY\s+([A-Za-z][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
      entities.set(m[1]!, decodeHTMLStrict(m[2] ?? m[3] ?? ''));
    }
  }
  return entities;
}

/** Every text below `node`, in order (CDATA included). */
export function textContent(node: XmlElement | XmlText): string {
  if (node.kind === 'text') return node.text;
  let out = '';
  for (const child of node.children) out += textContent(child);
  return out;
}

/**
 * The element's content as markup, child elements written out: for inline
 * XHTML (`textIsMarkup` false: text is text, escaped here) and for HTML left
 * unescaped inside an element that holds escaped HTML (`textIsMarkup` true:
 * the decoded text is itself HTML source, as in RSS `description`).
 */
export function innerMarkup(element: XmlElement, textIsMarkup = false): string {
  let out = '';
  for (const child of element.children) out += outerMarkup(child, textIsMarkup);
  return out;
}

function outerMarkup(node: XmlElement | XmlText, textIsMarkup: boolean): string {
  if (node.kind === 'text') return textIsMarkup ? node.text : node.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const local = node.name.includes(':') ? node.name.slice(node.name.indexOf(':') + 1) : node.name;
  const attrs = Object.entries(node.attrs)
    .filter(([name]) => !name.startsWith('xmlns'))
    .map(([name, value]) => ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${local}${attrs}>${innerMarkup(node, textIsMarkup)}</${local}>`;
}

/** Child elements whose key is one of `keys`. */
export function childrenByKey(element: XmlElement, ...keys: string[]): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.kind === 'element' && keys.includes(c.key));
}

/** The first child element with one of `keys` (in the order of `keys`), or null. */
export function childByKey(element: XmlElement, ...keys: string[]): XmlElement | null {
  for (const key of keys) {
    const found = element.children.find((c): c is XmlElement => c.kind === 'element' && c.key === key);
    if (found) return found;
  }
  return null;
}
