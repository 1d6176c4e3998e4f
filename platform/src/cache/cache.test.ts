import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntry, encodeEntry, jitteredTtl } from './cache';

describe('cache entry encoding', () => {
  it('round-trips versions and JSON values (including values containing |)', () => {
    const values: unknown[] = [{ a: 1, b: 'x|y' }, [1, 'two'], 'plain', 0, null, true, { nested: { deep: ['|', '||'] } }];
    for (const [i, value] of values.entries()) {
      const entry = { version: i + 1, value };
      assert.deepEqual(decodeEntry(encodeEntry(entry)), entry);
    }
    assert.equal(encodeEntry({ version: 12, value: { a: 1 } }), '12|{"a":1}');
  });

  it('treats missing or corrupt entries as a miss', () => {
    for (const raw of [null, undefined, '', '|{}', 'x|{}', 'abc', '12', '12|', '12|{not json', 'NaN|1', 'Infinity|1']) {
      assert.equal(decodeEntry(raw), undefined, String(raw));
    }
  });
});

describe('jitteredTtl', () => {
  it('stays within ±15% and never below 1 s', () => {
    for (let i = 0; i < 500; i++) {
      const t = jitteredTtl(100);
      assert.ok(t >= 85 && t <= 115, String(t));
      assert.ok(Number.isInteger(t));
    }
    for (let i = 0; i < 50; i++) assert.ok(jitteredTtl(1) >= 1);
  });
});
