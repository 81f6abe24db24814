import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { ENGINES, storesOn } from './engines.ts';

const T = (iso: string) => new Date(iso);

describe.each(ENGINES)('watch store on $name', (engine) => {
  const { open: openStore, restart } = storesOn(engine);
  let store: Store;

  beforeEach(async () => {
    store = await openStore();
  });

  describe('watch store', () => {
    it('creates, lists, gets and deletes watches with stable ids that are never reused', async () => {
      const a = await store.watches.createWatch({ channelId: 'C1', query: 'sanctions', createdBy: 'U1', at: T('2025-01-01T00:00:00Z') });
      const b = await store.watches.createWatch({ channelId: 'D1', query: 'summit source:Reuters', createdBy: 'U2', at: T('2025-01-02T00:00:00Z') });
      expect(a).toMatchObject({ channelId: 'C1', query: 'sanctions', createdBy: 'U1', lastFiredAt: null, paused: null });
      expect(b.id).toBeGreaterThan(a.id);
      expect((await store.watches.listWatches()).map((w) => w.id)).toEqual([a.id, b.id]);
      expect(await store.watches.deleteWatch(b.id)).toBe(true);
      expect(await store.watches.deleteWatch(b.id)).toBe(false);
      const c = await store.watches.createWatch({ channelId: 'C1', query: 'x', createdBy: 'U1', at: T('2025-01-03T00:00:00Z') });
      expect(c.id).toBeGreaterThan(b.id);
      expect(await store.watches.getWatch(b.id)).toBeNull();
    });

    it('claims an alert once, across a reopen, and reports the last firing and the daily count', async () => {
      const w = await store.watches.createWatch({ channelId: 'C1', query: 'q', createdBy: 'U1', at: T('2025-01-01T00:00:00Z') });
      expect(await store.watches.claimWatchAlert(w.id, 'art1', T('2025-01-05T10:00:00Z'))).toBe(true);
      expect(await store.watches.claimWatchAlert(w.id, 'art1', T('2025-01-05T10:01:00Z'))).toBe(false);
      expect(await store.watches.claimWatchAlert(w.id, 'art2', T('2025-01-05T11:00:00Z'))).toBe(true);
      store = await restart(store);
      expect(await store.watches.claimWatchAlert(w.id, 'art1', T('2025-01-06T10:00:00Z'))).toBe(false);
      expect((await store.watches.getWatch(w.id))?.lastFiredAt).toEqual(T('2025-01-05T11:00:00Z'));
      expect(await store.watches.countWatchAlertsSince(w.id, T('2025-01-05T10:30:00Z'))).toBe(1);
      // Deleting the watch forgets its alerts.
      await store.watches.deleteWatch(w.id);
      expect(await store.watches.countWatchAlertsSince(w.id, T('2025-01-01T00:00:00Z'))).toBe(0);
    });

    it('pauses and resumes the watches of one channel, and notes the over-limit notice once per day', async () => {
      const a = await store.watches.createWatch({ channelId: 'C1', query: 'a', createdBy: 'U1', at: T('2025-01-01T00:00:00Z') });
      const b = await store.watches.createWatch({ channelId: 'C2', query: 'b', createdBy: 'U1', at: T('2025-01-01T00:00:00Z') });
      expect(await store.watches.pauseChannelWatches('C1', 'is_archived', T('2025-01-02T00:00:00Z'))).toBe(1);
      expect((await store.watches.getWatch(a.id))?.paused).toEqual({ reason: 'is_archived', at: T('2025-01-02T00:00:00Z') });
      expect((await store.watches.getWatch(b.id))?.paused).toBeNull();
      expect(await store.watches.resumeChannelWatches('C1')).toBe(1);
      expect(await store.watches.resumeChannelWatches('C1')).toBe(0);
      expect(await store.watches.noteWatchOverLimit(a.id, '2025-01-02')).toBe(true);
      expect(await store.watches.noteWatchOverLimit(a.id, '2025-01-02')).toBe(false);
      expect(await store.watches.noteWatchOverLimit(a.id, '2025-01-03')).toBe(true);
    });
  });
});
