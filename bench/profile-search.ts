/**
 * `npm run bench -- --profile [--sizes 10k] [--previous DIR]`: where a search's time goes. The real
 * bot (started as `npm start` starts it, on its saved index) under node's CPU profiler, which writes one
 * profile per thread (the thread that acks and posts the answers, and the corpus worker), while it
 * answers the load: 20 warm-up commands, then 80 `/aigov search` commands one at a time over
 * the bench's query mix. Prints, per thread, the time spent in each step of a search (inclusive: a step
 * counts the functions it calls) divided by the 80 searches, and the heaviest functions by self time.
 * Profiles are kept in bench/.cache/profiles/ for Chrome DevTools or speedscope.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSlackApiStandIn } from '../test/support/slack-api-stand-in.ts';
import { ROOT, buildDist, commandMix, runCommands, startBot, stopBot } from './e2e-phase.ts';
import { ensureCorpus } from './generate-corpus.ts';
import { buildQueries } from './queries.ts';
import { fmt } from './stats.ts';

/** The load: searches one at a time. */
export const PROFILED_SEARCHES = 80;
const WARM_UP = 20;
/** Sampling interval of the profiler (µs): fine enough for steps of a tenth of a millisecond. */
const SAMPLE_INTERVAL_US = 100;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A step of a search: its label and the functions whose inclusive time it is (name, and a file the url ends with). */
interface Step {
  readonly label: string;
  readonly match: readonly { readonly name: string; readonly file?: string }[];
}

/** The steps of a search on the corpus worker (function names as the compiled dist/ has them). */
const WORKER_STEPS: readonly Step[] = [
  { label: 'whole search request (CorpusService.search)', match: [{ name: 'search', file: 'corpus-service.js' }] },
  { label: 'stage 1: ranking (CorpusIndex #rank, both passes)', match: [{ name: '#rank', file: 'corpus-index.js' }] },
  { label: '  scope planning: counting postings of broad terms (planScope)', match: [{ name: 'planScope', file: 'search-scope.js' }] },
  { label: '  MiniSearch search calls (executeQuery)', match: [{ name: 'executeQuery', file: 'MiniSearch.js' }, { name: 'executeQuery', file: 'index.js' }] },
  { label: '  packed index: opening a term\'s postings (openTermData)', match: [{ name: 'openTermData', file: 'term-postings.js' }] },
  { label: '  fuzzy and prefix walks of the term tree (fuzzyGet, atPrefix)', match: [{ name: 'fuzzyGet' }, { name: 'atPrefix' }] },
  { label: 'stage 2: sentences of the shown hits (sentencesOf)', match: [{ name: 'sentencesOf', file: 'corpus-index.js' }] },
  { label: '  reading the article files back (TextsFromFiles.read)', match: [{ name: 'read', file: 'texts-from-files.js' }] },
  { label: '  dated sentences from the stored tables (datedSentences)', match: [{ name: 'datedSentences' }] },
  { label: '  sentences analysed afresh (analyseSentences)', match: [{ name: 'analyseSentences' }] },
  { label: 'stage 2: matching and picking sentences (toHit)', match: [{ name: 'toHit', file: 'corpus-index.js' }] },
  { label: 'near-duplicate group of each hit (#othersOf)', match: [{ name: '#othersOf', file: 'corpus-service.js' }] },
  { label: 'reply to the main thread (postMessage, structured clone)', match: [{ name: 'postMessage' }] },
  { label: 'garbage collection', match: [{ name: '(garbage collector)' }] },
  { label: 'idle', match: [{ name: '(idle)' }] },
];

/** The steps on the thread that acks Slack and posts the answer. */
const MAIN_STEPS: readonly Step[] = [
  { label: 'search command, after the ack (buildSearchReply)', match: [{ name: 'buildSearchReply' }] },
  { label: '  query parsing (parseSearchQuery)', match: [{ name: 'parseSearchQuery' }] },
  { label: '  rendering the Block Kit reply (renderSearchResults)', match: [{ name: 'renderSearchResults' }] },
  { label: '  recording the page for feedback (searchPage)', match: [{ name: 'searchPage' }] },
  { label: 'posting the answer to response_url (ResponseUrlPoster.post)', match: [{ name: 'post', file: 'response-url.js' }] },
  { label: 'worker replies handed over (structured clone in)', match: [{ name: '#onReply' }, { name: 'onmessage' }] },
  { label: 'request signature check (verifySlackRequest)', match: [{ name: 'verifySlackRequest' }, { name: 'isValidSlackRequest' }] },
  { label: 'garbage collection', match: [{ name: '(garbage collector)' }] },
  { label: 'idle', match: [{ name: '(idle)' }] },
];

/** Milliseconds spent in each function, inclusive (counted once per sample however deep it recurses) and self. */
function timesOf(profile: CpuProfile): { inclusive: Map<string, number>; self: Map<string, number>; totalMs: number } {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const key = (n: ProfileNode) => `${n.callFrame.functionName}\t${n.callFrame.url}`;
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((sample, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(sample);
    if (leaf === undefined) return;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const k = key(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  });
  return { inclusive, self, totalMs };
}

function stepMs(inclusive: Map<string, number>, step: Step): number {
  let sum = 0;
  for (const [k, ms] of inclusive) {
    const [name, url] = k.split('\t') as [string, string];
    if (step.match.some((m) => m.name === name && (m.file === undefined || url.endsWith(m.file)))) sum += ms;
  }
  return sum;
}

const short = (k: string): string => {
  const [name, url] = k.split('\t') as [string, string];
  return `${name || '(anonymous)'} ${url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|dist)\//, '$1/')}`;
};

/** A table of a thread's steps per search, and its heaviest functions by self time. */
export function describeProfile(title: string, profile: CpuProfile, steps: readonly Step[], searches: number): string {
  const { inclusive, self, totalMs } = timesOf(profile);
  const lines = [`#### ${title} (${fmt(totalMs / 1000)} s profiled)`, '', '| step | ms per search | share of the thread |', '|---|---|---|'];
  for (const step of steps) {
    const ms = stepMs(inclusive, step);
    lines.push(`| ${step.label.replace(/^ {2}/, '— ')} | ${fmt(ms / searches)} | ${fmt((100 * ms) / totalMs)}% |`);
  }
  lines.push('', '| heaviest functions, self time | ms per search |', '|---|---|');
  const top = [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 15);
  for (const [k, ms] of top) lines.push(`| ${short(k).replaceAll('|', '\\|')} | ${fmt(ms / searches)} |`);
  return lines.join('\n');
}

/** Which thread a profile is: the corpus worker runs corpus-worker-thread.js. */
function isWorker(profile: CpuProfile): boolean {
  return profile.nodes.some((n) => n.callFrame.url.endsWith('corpus-worker-thread.js'));
}

export async function runProfile(size: number, cacheDir: string, root: string = ROOT): Promise<string> {
  const corpusDir = ensureCorpus(size, cacheDir);
  buildDist(root);
  const profileDir = path.join(cacheDir, 'profiles', `${path.basename(root)}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(profileDir, { recursive: true });
  const api = await startSlackApiStandIn();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-profile-'));
  try {
    await stopBot(await startBot(corpusDir, dataDir, api, {}, { root })); // builds and saves the index
    const bot = await startBot(corpusDir, dataDir, api, {}, {
      root,
      nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-interval=${SAMPLE_INTERVAL_US}`],
    });
    const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;
    const mix = commandMix(buildQueries(size, 200));
    await runCommands(api, eventsUrl, mix, WARM_UP, 1);
    const { answer } = await runCommands(api, eventsUrl, mix, PROFILED_SEARCHES, 1);
    await stopBot(bot);
    const profiles = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    const parts = [`Profiled ${root} at ${size} articles: ${WARM_UP + PROFILED_SEARCHES} searches (the profiles hold the whole run from the warm start; a step's time is divided by all ${WARM_UP + PROFILED_SEARCHES} searches). Answer p50 of the last ${PROFILED_SEARCHES} ${fmt([...answer].sort((a, b) => a - b)[Math.floor(answer.length / 2)]!)} ms under the profiler. Profiles: ${profileDir}`];
    for (const file of profiles) {
      const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile;
      const worker = isWorker(profile);
      parts.push(describeProfile(worker ? 'Corpus worker' : 'Thread that acks (main)', profile, worker ? WORKER_STEPS : MAIN_STEPS, PROFILED_SEARCHES + WARM_UP));
    }
    return `${parts.join('\n\n')}\n`;
  } finally {
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
