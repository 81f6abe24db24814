/**
 * Seeded synthetic corpora for the benchmark: news-like articles of about
 * 3 KB in the repo's Markdown format, reproducible byte for byte from a size.
 *
 * Realism matters more than prose: what drives MiniSearch's cost is the
 * distribution of terms, so words are drawn from a Zipf distribution over a
 * vocabulary whose head is the seed corpus's own words (ordered by frequency)
 * and whose tail is made-up names, so the number of distinct terms grows
 * with the corpus as it does in real news (Heaps' law). Each article has a
 * few topic words and named entities it repeats, as a real article does,
 * and about 40% of its words are English stop words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { STOP_WORDS, indexTerms } from '../src/core/text.ts';

/** The synthetic corpora live here (git-ignored), one directory per size. */
export const CACHE_DIR = path.resolve(import.meta.dirname, '.cache');

/** Bump when the generator changes, so stale cached corpora are not reused. */
const GENERATOR_VERSION = 2;

/** Ranks in the content vocabulary; few are ever drawn, but the tail keeps the corpus growing new terms. */
const VOCABULARY_RANKS = 1_000_000;
/** Zipf exponent: about 1 for English word frequencies. */
const ZIPF_EXPONENT = 1.2;
const TARGET_BODY_BYTES = 3000;

const SOURCES = [
  'Reuters', 'Global Times', 'Xinhua', 'Financial Times', 'Politico Europe', 'The Guardian', 'Nikkei Asia',
  'South China Morning Post', 'Euractiv', 'Le Monde', 'The Hindu', 'Associated Press', 'Bloomberg', 'Yonhap',
  'Tech Policy Press', 'Ministry of Foreign Affairs', 'OECD', 'United Nations', 'Council of Europe', 'G7 Presidency',
];

/** Domain words that real AI-governance news uses a lot; with the seed words they form the vocabulary's head. */
const DOMAIN_WORDS = (
  'ai artificial intelligence governance regulation safety risk model models frontier international cooperation ' +
  'summit declaration ministers minister government governments framework standards standard compute chips export ' +
  'controls sanctions treaty convention council commission parliament act law laws rules oversight accountability ' +
  'transparency audit audits evaluation testing institute institutes developers developer companies industry ' +
  'innovation investment data privacy security cyber military weapons autonomous human rights ethics ethical ' +
  'principles guidelines code conduct voluntary commitments binding agreement agreements negotiations delegation ' +
  'bilateral multilateral global south capacity building digital divide infrastructure research scientists ' +
  'report reports panel experts expert advisory body secretary general resolution assembly vote adopted member ' +
  'states countries nations region regional alliance partnership strategy strategic competition technology ' +
  'technologies semiconductor semiconductors supply chain chain tariffs trade economic economy growth jobs ' +
  'workers labour education health healthcare medical misinformation disinformation elections deepfakes content ' +
  'platforms online harms liability copyright licensing open source weights release deployment deployed systems ' +
  'system algorithm algorithms algorithmic bias discrimination fairness inclusive sustainable development goals ' +
  'climate energy electricity datacenter datacenters cloud providers startups venture funding billion million ' +
  'percent spokesperson statement press conference announced announces launched launches signed signs pledged ' +
  'urged warned called welcomed criticised concerns officials official agency agencies regulator regulators'
).split(' ');

/** Syllables for made-up names and rare words in the vocabulary's tail. */
const SYLLABLES = (
  'ka lo mi ra ten su vor an del qui zan bri tor mel ost ura fen gal dri vas nok pel sha lun ter ivo cas mar ' +
  'jun bel rio stra pon eli har dov kin zel tam uro gra sel vin mok ard lis ben cor'
).split(' ');

/** sfc32: small, fast and seedable; Math.random is not reproducible. */
export function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162 ^ (seed * 17);
  let d = seed | 1;
  const next = (): number => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

/** Words of the seed corpus (non-stop words), most frequent first. */
function seedWords(): string[] {
  const dir = path.resolve(import.meta.dirname, '../corpus');
  const counts = new Map<string, number>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
      if (word.length < 2 || STOP_WORDS.has(word.toLowerCase()) || /^\d+$/.test(word)) continue;
      counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) ?? 0) + 1);
    }
  }
  return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([w]) => w);
}

/** The content vocabulary: a word for every rank, deterministic. */
class Vocabulary {
  readonly #head: string[];
  readonly #tail = new Map<number, string>();
  readonly #cdf: Float64Array;

  constructor() {
    const head = [...new Set([...DOMAIN_WORDS, ...seedWords()])];
    this.#head = head;
    this.#cdf = new Float64Array(VOCABULARY_RANKS);
    let sum = 0;
    for (let r = 0; r < VOCABULARY_RANKS; r++) {
      sum += 1 / (r + 1) ** ZIPF_EXPONENT;
      this.#cdf[r] = sum;
    }
    for (let r = 0; r < VOCABULARY_RANKS; r++) this.#cdf[r] = (this.#cdf[r] ?? 0) / sum;
  }

  /** The word at `rank` (0 = most frequent). Tail words are made up, some of them capitalised names. */
  word(rank: number): string {
    if (rank < this.#head.length) return this.#head[rank] ?? 'ai';
    let word = this.#tail.get(rank);
    if (word === undefined) {
      const random = seededRandom(rank * 7919);
      const syllables = 2 + Math.floor(random() * 2);
      word = '';
      for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      // Distinct ranks must give distinct words: the rank's digits in base 26 as a suffix keep them apart.
      word += rank.toString(26).replace(/[0-9]/g, (d) => 'qwxyzhjkpb'[Number(d)] ?? 'q');
      if (random() < 0.3) word = word[0]!.toUpperCase() + word.slice(1);
      this.#tail.set(rank, word);
    }
    return word;
  }

  /** A rank drawn from the Zipf distribution. */
  sample(random: () => number): number {
    const u = random();
    let lo = 0;
    let hi = VOCABULARY_RANKS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cdf[mid] ?? 1) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const STOP_LIST = [...STOP_WORDS];

/** One generated article: its file name and its Markdown text. */
export interface GeneratedArticle {
  readonly file: string;
  readonly text: string;
  /** Words the article is about (repeated in it), for building queries. */
  readonly topics: readonly string[];
  readonly entities: readonly string[];
  readonly title: string;
  readonly date: string;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function capitalise(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}

/** Generates article number `n` of a corpus; the same `n` always gives the same article. */
export function generateArticle(vocabulary: Vocabulary, n: number): GeneratedArticle {
  const random = seededRandom(1_000_003 * (n + 1));
  // Topics from the upper-middle of the vocabulary: specific enough to search for, common enough to recur.
  const topics = Array.from({ length: 6 }, () => vocabulary.word(50 + Math.floor(random() ** 2 * 5000)));
  const entities = Array.from({ length: 3 }, () => capitalise(vocabulary.word(vocabulary.sample(random) + 2_000)));
  const nextWord = (): string => {
    const u = random();
    if (u < 0.4) return STOP_LIST[Math.floor(random() ** 3 * STOP_LIST.length)] ?? 'the';
    if (u < 0.5) return pick(topics, random);
    if (u < 0.53) return pick(entities, random);
    if (u < 0.55) return String(Math.floor(random() ** 3 * 2100));
    return vocabulary.word(vocabulary.sample(random));
  };
  const sentence = (): string => {
    const length = 12 + Math.floor(random() * 17);
    const words: string[] = [];
    for (let i = 0; i < length; i++) {
      let word = nextWord();
      if (i === 0) word = capitalise(word);
      if (i > 2 && i < length - 2 && random() < 0.07) word += ',';
      words.push(word);
    }
    return `${words.join(' ')}.`;
  };
  const titleWords = [capitalise(pick(entities, random)), ...topics.slice(0, 3), vocabulary.word(vocabulary.sample(random))];
  if (random() < 0.5) titleWords.push(pick(DOMAIN_WORDS, random));
  const title = titleWords.join(' ');
  const year = 2019 + Math.floor(random() * 7);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const paragraphs: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BODY_BYTES) {
    const sentences = Array.from({ length: 2 + Math.floor(random() * 4) }, sentence);
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    bytes += paragraph.length + 2;
  }
  const source = random() < 0.1 ? 'null' : JSON.stringify(pick(SOURCES, random));
  const tags = `[${[...new Set(topics.slice(0, 3))].map((t) => JSON.stringify(t)).join(', ')}]`;
  const frontMatter = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${date}`,
    `date_editorial: ${random() < 0.2}`,
    `source: ${source}`,
    `tags: ${tags}`,
    '---',
  ].join('\n');
  const id = `${String(n).padStart(6, '0')}_${(n * 2654435761 >>> 0).toString(16).padStart(8, '0')}`;
  return { file: `${id}.md`, text: `${frontMatter}\n\n${paragraphs.join('\n\n')}\n`, topics, entities, title, date };
}

let sharedVocabulary: Vocabulary | null = null;
function vocabulary(): Vocabulary {
  sharedVocabulary ??= new Vocabulary();
  return sharedVocabulary;
}

/** Articles 0..count-1, generated in memory (for the smoke test and query building). */
export function* generateArticles(count: number): Generator<GeneratedArticle> {
  const v = vocabulary();
  for (let n = 0; n < count; n++) yield generateArticle(v, n);
}

/**
 * The directory holding a corpus of `count` articles, generated on first use
 * and reused after (a marker file records that generation finished).
 */
export function ensureCorpus(count: number, cacheDir: string = CACHE_DIR): string {
  const dir = path.join(cacheDir, `corpus-v${GENERATOR_VERSION}-${count}`);
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const article of generateArticles(count)) fs.writeFileSync(path.join(dir, article.file), article.text);
  fs.writeFileSync(marker, new Date().toISOString());
  return dir;
}

/** Distinct index terms over the first `count` articles (a check that the corpus grows like real text). */
export function distinctTerms(count: number): number {
  const terms = new Set<string>();
  for (const article of generateArticles(count)) for (const term of indexTerms(article.text)) terms.add(term);
  return terms.size;
}
