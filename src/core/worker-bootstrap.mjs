// The corpus worker's entry point when the bot runs from source (tests, the CLI, tsx); the compiled
// bot (`npm start`, dist/) starts the worker from corpus-worker.js and never loads this file.
// Plain JavaScript because a worker thread does not inherit the main thread's TypeScript loader
// (`--import tsx`): it registers tsx's loader, then imports the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
