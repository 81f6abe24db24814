import { describe, expect, it } from 'vitest';
import { HostGate, hostKey } from '../../src/news/host-gate.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('host gate', () => {
  it('runs one request per host at a time, hosts side by side, and goes on after a failure', async () => {
    const gate = new HostGate(() => new Date());
    const events: string[] = [];
    const job = (name: string, ms: number, fail = false) => async () => {
      events.push(`start ${name}`);
      await tick(ms);
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const a1 = gate.run('https://A.example/feed', job('a1', 30, true));
    const a2 = gate.run('https://a.example/page', job('a2', 10));
    const b1 = gate.run('https://b.example/', job('b1', 5));
    await expect(a1).rejects.toThrow('a1');
    expect(await a2).toBe('a2');
    expect(await b1).toBe('b1');
    expect(events.indexOf('start a2')).toBeGreaterThan(events.indexOf('end a1'));
    expect(events.indexOf('start b1')).toBeLessThan(events.indexOf('end a1'));
  });

  it('holds a host until its Retry-After has passed', () => {
    let now = 0;
    const gate = new HostGate(() => new Date(now));
    gate.hold('https://a.example/x', 60_000);
    gate.hold('https://a.example/y', 1_000); // a shorter hold does not shorten it
    expect(gate.heldUntil('https://a.example/z')?.getTime()).toBe(60_000);
    expect(gate.heldUntil('https://b.example/')).toBeNull();
    now = 60_000;
    expect(gate.heldUntil('https://a.example/z')).toBeNull();
    expect(hostKey('http://EXAMPLE.org:8080/a')).toBe('example.org:8080');
  });
});
