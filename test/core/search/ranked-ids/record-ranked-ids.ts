/**
 * Records what the search ranks on the fixed corpus (fixed-corpus.ts) to
 * ranked-ids.json, which ranked-ids.test.ts holds the search to. Run only to
 * record a ranking change on purpose (say why in the commit):
 *
 *   npx tsx test/core/search/ranked-ids/record-ranked-ids.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { CorpusIndex } from '../../../../src/core/search/corpus-index.ts';
import { fixedCorpus, fixedQueries, rankedIdsOf } from './fixed-corpus.ts';

const index = CorpusIndex.build(fixedCorpus());
const record = fixedQueries().map((query) => rankedIdsOf(index, query));
const out = path.join(import.meta.dirname, 'ranked-ids.json');
fs.writeFileSync(out, `${JSON.stringify(record, null, 1)}\n`);
process.stdout.write(`recorded ${record.length} queries to ${out}\n`);
