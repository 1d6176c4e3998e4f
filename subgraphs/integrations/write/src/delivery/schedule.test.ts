import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ATTEMPTS, outcomeOf, retryAfterMs, retryDelayMs, RETRY_STEPS_MS } from './schedule';

const H = 3_600_000;

describe('webhook retry schedule', () => {
  it('first retry within 5 s, then minutes, then hours, about three days in all; jitter only shortens', () => {
    assert.ok(retryDelayMs(1, () => 0)! <= 5000);
    assert.ok(retryDelayMs(1, () => 0.999)! >= 4000);
    assert.equal(
      retryDelayMs(2, () => 0),
      5 * 60_000,
    );
    const total = RETRY_STEPS_MS.reduce((a, b) => a + b, 0);
    assert.ok(total > 72 * H && total < 80 * H, `schedule spans ${total / H} h`);
    for (let a = 1; a < MAX_ATTEMPTS; a++) {
      const d = retryDelayMs(a, Math.random)!;
      assert.ok(d <= RETRY_STEPS_MS[a - 1]! && d >= RETRY_STEPS_MS[a - 1]! * 0.8, `attempt ${a}: ${d}`);
    }
    assert.equal(
      retryDelayMs(MAX_ATTEMPTS, () => 0),
      null,
    );
  });

  it('2xx succeeds; 410 fails and disables; 3xx, 4xx, 5xx and no answer are retried; the spent schedule disables', () => {
    assert.deepEqual(outcomeOf(204, 1, null), { state: 'SUCCEEDED' });
    assert.deepEqual(outcomeOf(410, 1, null), { state: 'FAILED', disable: 'GONE' });
    for (const status of [301, 302, 307, 308, 400, 404, 429, 500, 503, null]) {
      assert.equal(outcomeOf(status, 1, null, () => 0).state, 'PENDING', String(status));
    }
    assert.deepEqual(outcomeOf(500, MAX_ATTEMPTS, null), { state: 'FAILED', disable: 'FAILING' });
  });

  it('honours Retry-After (seconds or HTTP date), capped at a day, never sooner than the schedule', () => {
    const now = new Date('2024-05-01T10:00:00.000Z');
    assert.equal(retryAfterMs('120', now), 120_000);
    assert.equal(retryAfterMs('Wed, 01 May 2024 10:10:00 GMT', now), 600_000);
    assert.equal(retryAfterMs('999999999', now), 24 * H);
    assert.equal(retryAfterMs('soon', now), null);
    assert.equal(retryAfterMs(null, now), null);
    assert.deepEqual(
      outcomeOf(429, 1, 120_000, () => 0),
      { state: 'PENDING', delayMs: 120_000 },
    );
    assert.deepEqual(
      outcomeOf(503, 2, 1000, () => 0),
      { state: 'PENDING', delayMs: 5 * 60_000 },
    );
  });
});
