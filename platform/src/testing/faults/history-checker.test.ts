import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkHistory, formatHistoryReport, type HistoryEvent } from './history-checker';

const ev = (aggregateId: string, version: number): HistoryEvent => ({ aggregateId, version });
const history = (spec: Record<string, number>) => Object.entries(spec).flatMap(([id, n]) => Array.from({ length: n }, (_, i) => ev(id, i + 1)));

describe('checkHistory', () => {
  const written = history({ a: 3, b: 2 });

  it('accepts a complete stream interleaved across aggregates', () => {
    const r = checkHistory(written, [ev('a', 1), ev('b', 1), ev('a', 2), ev('b', 2), ev('a', 3)], { duplicates: 'forbidden' });
    assert.equal(r.ok, true, formatHistoryReport(r));
    assert.equal(r.aggregates, 2);
    assert.equal(r.written, 5);
    assert.equal(r.duplicateCount, 0);
  });

  it('reports a lost tail event as missing (not a gap)', () => {
    const r = checkHistory(written, [ev('a', 1), ev('a', 2), ev('b', 1), ev('b', 2)], { duplicates: 'allowed' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.missing, [ev('a', 3)]);
    assert.deepEqual(r.gaps, []);
  });

  it('reports a hole below a later version as a gap and the overtaking event as an order violation', () => {
    const r = checkHistory(written, [ev('a', 1), ev('a', 3), ev('b', 1), ev('b', 2)], { duplicates: 'allowed' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.missing, [ev('a', 2)]);
    assert.deepEqual(r.gaps, [{ aggregateId: 'a', version: 2, highestObserved: 3 }]);
    assert.deepEqual(r.orderViolations, [{ aggregateId: 'a', version: 3, position: 1, expectedNext: 2 }]);
  });

  it('reports reordering even when every event eventually arrives', () => {
    const r = checkHistory(written, [ev('a', 2), ev('a', 1), ev('a', 3), ev('b', 1), ev('b', 2)], { duplicates: 'allowed' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.missing, []);
    assert.deepEqual(r.orderViolations, [{ aggregateId: 'a', version: 2, position: 0, expectedNext: 1 }]);
  });

  it('counts redeliveries: fine for an at-least-once stream, a failure for applications', () => {
    // a relay crash after publishing a, 1..2 but before marking them: both go out again
    const stream = [ev('a', 1), ev('a', 2), ev('a', 1), ev('a', 2), ev('a', 3), ev('b', 1), ev('b', 2), ev('b', 2)];
    const atLeastOnce = checkHistory(written, stream, { duplicates: 'allowed' });
    assert.equal(atLeastOnce.ok, true, formatHistoryReport(atLeastOnce));
    assert.equal(atLeastOnce.duplicateCount, 3);
    assert.deepEqual(atLeastOnce.orderViolations, [], 'a redelivery of older versions is not reordering');
    const applied = checkHistory(written, stream, { duplicates: 'forbidden' });
    assert.equal(applied.ok, false);
    assert.deepEqual(applied.duplicates, [
      { aggregateId: 'a', version: 1, count: 2 },
      { aggregateId: 'a', version: 2, count: 2 },
      { aggregateId: 'b', version: 2, count: 2 },
    ]);
  });

  it('reports events nobody wrote', () => {
    const r = checkHistory(written, [...written, ev('c', 1), ev('a', 4)], { duplicates: 'allowed' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.unexpected, [ev('c', 1), ev('a', 4)]);
  });

  it('compares the read model versions with the last written version of every aggregate', () => {
    const ok = checkHistory(written, written, {
      duplicates: 'forbidden',
      finalVersions: new Map([
        ['a', 3],
        ['b', 2],
      ]),
    });
    assert.equal(ok.ok, true, formatHistoryReport(ok));
    const stale = checkHistory(written, written, {
      duplicates: 'forbidden',
      finalVersions: new Map([
        ['a', 2],
        ['x', 1],
      ]),
    });
    assert.equal(stale.ok, false);
    assert.deepEqual(stale.finalVersionMismatches, [
      { aggregateId: 'a', expected: 3, actual: 2 },
      { aggregateId: 'b', expected: 2, actual: null },
      { aggregateId: 'x', expected: 0, actual: 1 },
    ]);
  });

  it('formats a summary that names each kind of breakage', () => {
    const r = checkHistory(written, [ev('a', 1), ev('a', 3), ev('a', 3)], { duplicates: 'forbidden' });
    const text = formatHistoryReport(r);
    assert.match(text, /^history BROKEN: 2 aggregates, 5 written, 3 observed, 1 redelivered/);
    assert.match(text, /missing 3/);
    assert.match(text, /gaps 1/);
    assert.match(text, /duplicates 1/);
    assert.match(text, /order violations 1/);
  });
});
