// The corpus worker's entry point. Plain JavaScript because a worker thread does not inherit the
// main thread's TypeScript loader (`--import tsx`): it registers tsx's loader, then imports the
// TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
