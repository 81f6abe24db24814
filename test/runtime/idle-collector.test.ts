import { describe, expect, it } from 'vitest';
import { IdleCollector } from '../../src/runtime/idle-collector.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('IdleCollector', () => {
  it('collects once after a quiet spell, not while requests keep coming', async () => {
    let collections = 0;
    const collector = new IdleCollector(60, () => (collections += 1));
    for (let i = 0; i < 6; i++) {
      collector.busy();
      await sleep(20);
    }
    expect(collections).toBe(0);
    await sleep(120);
    expect(collections).toBe(1);
    await sleep(120);
    expect(collections).toBe(1);
  });

  it('collects again after the next burst', async () => {
    let collections = 0;
    const collector = new IdleCollector(30, () => (collections += 1));
    collector.busy();
    await sleep(80);
    collector.busy();
    await sleep(80);
    expect(collections).toBe(2);
  });

  it('does nothing before the first request or after stop', async () => {
    let collections = 0;
    const collector = new IdleCollector(20, () => (collections += 1));
    await sleep(60);
    collector.busy();
    collector.stop();
    await sleep(60);
    expect(collections).toBe(0);
  });

  it('does nothing without a collector (node without --expose-gc)', async () => {
    const collector = new IdleCollector(10, undefined);
    expect(() => collector.busy()).not.toThrow();
    await sleep(30);
    expect(() => collector.stop()).not.toThrow();
  });
});
