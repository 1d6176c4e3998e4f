import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshnessOf, projectionReadiness, ReadConsistency, type Freshness } from './freshness';
import type { SubgraphContext } from './context';

const quiet = { info: () => undefined, warn: () => undefined };

describe('freshness of a read side', () => {
  it('caught up: no pending events, lag 0', () => {
    const f = freshnessOf({ lag: () => [{ lag: 0, oldestPendingAt: null }] }, () => 10_000);
    assert.deepEqual(f(), { lagMs: 0, pendingEvents: 0 });
  });

  it('behind: the pending events and the age of the oldest unapplied one', () => {
    const parts = [
      { lag: 3, oldestPendingAt: 7_000 },
      { lag: 2, oldestPendingAt: 4_000 },
      { lag: 0, oldestPendingAt: null },
    ];
    const f = freshnessOf({ lag: () => parts }, () => 10_000);
    assert.deepEqual(f(), { lagMs: 6_000, pendingEvents: 5 });
  });

  it('behind with the oldest event not fetched yet (just restarted): the lag is never 0, and grows from when the backlog was seen', () => {
    let now = 50_000;
    const f = freshnessOf({ lag: () => [{ lag: 1_600, oldestPendingAt: null }] }, () => now);
    assert.deepEqual(f(), { lagMs: 1, pendingEvents: 1_600 });
    now += 2_500;
    assert.deepEqual(f(), { lagMs: 2_500, pendingEvents: 1_600 });
  });

  it('an event time in the future (clock skew) still reports a lag of at least 1 ms while behind', () => {
    const f = freshnessOf({ lag: () => [{ lag: 1, oldestPendingAt: 20_000 }] }, () => 10_000);
    assert.deepEqual(f(), { lagMs: 1, pendingEvents: 1 });
  });
});

describe('ReadConsistency: what a read reports', () => {
  const ctx = (tokens: number): SubgraphContext =>
    ({
      principal: { tenantId: 't1' },
      consistency: Array.from({ length: tokens }, (_, i) => ({ aggregateType: 'contact', aggregateId: `a${i}`, version: 1 })),
      extensions: {},
    }) as unknown as SubgraphContext;

  it('without a token: consistent only when nothing is pending', async () => {
    for (const [f, consistent] of [
      [{ lagMs: 0, pendingEvents: 0 }, true],
      [{ lagMs: 900, pendingEvents: 1_600 }, false],
    ] as [Freshness, boolean][]) {
      const c = ctx(0);
      await new ReadConsistency(
        () => f,
        async () => true,
      ).before(c);
      assert.deepEqual(c.extensions['freshness'], { ...f, consistent });
    }
  });

  it('with tokens: consistent when they were reached, and the lag is still reported', async () => {
    const c = ctx(1);
    await new ReadConsistency(
      () => ({ lagMs: 40, pendingEvents: 2 }),
      async () => true,
    ).before(c);
    assert.deepEqual(c.extensions['freshness'], { lagMs: 40, pendingEvents: 2, consistent: true });
    const missed = ctx(1);
    await new ReadConsistency(
      () => ({ lagMs: 0, pendingEvents: 0 }),
      async () => false,
    ).before(missed);
    assert.equal((missed.extensions['freshness'] as { consistent: boolean }).consistent, false);
  });
});

describe('readiness of a read side', () => {
  it('not ready until the projection reached the position at start', async () => {
    let caughtUp = false;
    let now = 0;
    const [projector, gate] = projectionReadiness(
      { isRunning: () => true, caughtUpWithStart: () => caughtUp },
      60_000,
      quiet,
      () => ({ lagMs: 5, pendingEvents: 9 }),
      () => now,
    );
    assert.equal(await projector!.check(), true);
    assert.equal(await gate!.check(), false);
    now = 59_999;
    assert.equal(await gate!.check(), false);
    caughtUp = true;
    assert.equal(await gate!.check(), true);
  });

  it('after READY_CATCH_UP_TIMEOUT_MS it turns ready anyway (and stays ready)', async () => {
    let now = 0;
    const warned: unknown[] = [];
    const [, gate] = projectionReadiness(
      { isRunning: () => true, caughtUpWithStart: () => false },
      1_000,
      { info: () => undefined, warn: (o: unknown) => warned.push(o) },
      () => ({ lagMs: 5, pendingEvents: 9 }),
      () => now,
    );
    assert.equal(await gate!.check(), false);
    now = 1_000;
    assert.equal(await gate!.check(), true);
    assert.equal(await gate!.check(), true);
    assert.equal(warned.length, 1);
    assert.deepEqual(warned[0], { timeoutMs: 1_000, lagMs: 5, pendingEvents: 9 });
  });
});
