/**
 * The cold-build helper thread: for a corpus indexed from scratch, the
 * near-duplicate groups of every article and the sentence tables of the first
 * ones, made while the corpus worker builds the search index
 * (cold-build-helper.ts says why). Answers one request; its caller then ends
 * it. Never imported by other modules.
 */
import { parentPort } from 'node:worker_threads';
import { NearDuplicateIndex } from '../../core/near-duplicates/near-duplicate-index.ts';
import { signatureOf } from '../../core/near-duplicates/minhash.ts';
import { analyseSentences } from '../../core/sentences/sentence-table.ts';
import type { ColdBuildReply, ColdBuildRequest } from './cold-build-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('cold-build helper: must run in a worker thread');

port.once('message', ({ items, analyseUpTo }: ColdBuildRequest) => {
  try {
    const groups = NearDuplicateIndex.fromSignatures(items.map(({ id, body }) => [id, signatureOf(body)] as const)).save();
    const tables = items.slice(0, analyseUpTo).map(({ body, context }) => analyseSentences(body, context));
    port.postMessage({ ok: true, groups, tables } satisfies ColdBuildReply, [groups.values.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ColdBuildReply);
  }
});
