/** Small measurement helpers shared by the benchmark phases. */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The `p`-th percentile (0-100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function summarise(values: readonly number[]): Latency {
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}

/** The median of several runs' figures (the issue's targets are medians of repeated runs). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Process memory in MB; runs a full GC first when the process was started with --expose-gc. */
export function memoryMb(): { rss: number; heapUsed: number; external: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  const mb = (b: number) => Math.round(b / 1048576);
  return { rss: mb(m.rss), heapUsed: mb(m.heapUsed), external: mb(m.external + m.arrayBuffers) };
}

/** Runs `fn` while recording event-loop delay; returns its result, the time taken and the worst delay (ms). */
export async function withLoopDelay<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; maxBlockMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  histogram.disable();
  return { value, ms, maxBlockMs: histogram.max / 1e6 };
}

/** Rounds for printing: 2 significant decimals below 10, whole numbers above. */
export function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value >= 100) return String(Math.round(value));
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
