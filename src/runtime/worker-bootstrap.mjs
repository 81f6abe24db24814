// A worker thread's entry point (the corpus worker, the ingestion worker) when the bot runs from source
// (tests, the CLI, tsx); the compiled bot (`npm start`, dist/) starts each worker from its own .js and
// never loads this file (src/runtime/worker-modules.ts chooses).
// Plain JavaScript because a worker thread does not inherit the main thread's TypeScript loader
// (`--import tsx`): it registers tsx's loader, then imports the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
