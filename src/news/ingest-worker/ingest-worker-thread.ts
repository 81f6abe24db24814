/**
 * The ingestion worker thread: fetches pages and feeds, extracts articles and
 * writes corpus files (the pipeline, src/ingest/), so nothing it reads from the
 * web runs on the thread that acks Slack. The bot's corpus watcher indexes the
 * files it writes. It opens its own connection to the bot's SQLite file for
 * the de-duplication ledger (WAL lets both write).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFetcher } from '../../ingest/fetch/fetcher.ts';
import { parseAllowList } from '../../ingest/fetch/address-guard.ts';
import { ingestPage, pollFeed, previewFeed, type IngestDeps } from '../../ingest/pipeline.ts';
import { openStore } from '../../store/open-store.ts';
import type { IngestReply, IngestRequest, IngestWorkerData } from './ingest-worker-protocol.ts';
import { INGEST_THREAD_NICENESS, lowerThreadPriority } from '../../runtime/thread-priority.ts';

const port = parentPort;
if (port === null) throw new Error('ingest-worker-thread.ts must run in a worker thread');
const data = workerData as IngestWorkerData;

const post = (reply: IngestReply): void => port.postMessage(reply);
const log =
  (level: 'debug' | 'info' | 'warn') =>
  (fieldsOrMessage: unknown, message?: string): void => {
    const fields = typeof fieldsOrMessage === 'object' && fieldsOrMessage !== null ? wireFields(fieldsOrMessage) : {};
    post({ kind: 'log', level, fields, message: message ?? (typeof fieldsOrMessage === 'string' ? fieldsOrMessage : '') });
  };

/** Errors do not clone with their message intact everywhere; send them as plain fields. */
function wireFields(fields: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
  }
  return out;
}

// Background work: under contention the thread that acks Slack goes first (thread-priority.ts).
const priority = lowerThreadPriority(INGEST_THREAD_NICENESS);
if (priority.lowered) log('debug')({ threadId: priority.threadId, niceness: priority.niceness }, 'ingestion thread at a lower CPU priority');
else log('info')({ reason: priority.reason }, 'ingestion thread left at the normal CPU priority');

const store = await openStore({ dataDir: data.dataDir, databaseUrl: data.databaseUrl });
const allowPrivate = parseAllowList(data.allowPrivate.join(','));
const deps: IngestDeps = {
  fetcher: createFetcher({ allowPrivate }),
  allowPrivate,
  ledger: store.feeds,
  corpusDir: data.corpusDir,
  clock: () => new Date(),
  logger: { debug: log('debug'), info: log('info'), warn: log('warn') } as IngestDeps['logger'],
};

port.on('message', (request: IngestRequest) => {
  const work =
    request.op === 'addPage'
      ? ingestPage(request.url, request.via, deps)
      : request.op === 'pollFeed'
        ? pollFeed(request.feed, deps)
        : previewFeed(request.url, { fetcher: deps.fetcher, allowPrivate });
  work.then(
    (value) => post({ kind: 'result', seq: request.seq, ok: true, value }),
    (err: unknown) =>
      post({
        kind: 'result',
        seq: request.seq,
        ok: false,
        error: err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) },
      }),
  );
});
post({ kind: 'ready' });
