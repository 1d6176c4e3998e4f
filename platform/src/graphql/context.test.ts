import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatConsistencyToken, parseConsistencyTokens } from './context';

const ID = '3f2b8c1e-9a7d-4e21-b0c4-5d6e7f8a9b0c';

describe('consistency tokens', () => {
  it('round-trips a token', () => {
    const t = { aggregateType: 'contact', aggregateId: ID, version: 7 };
    assert.deepEqual(parseConsistencyTokens(formatConsistencyToken(t)), [t]);
  });

  it('parses comma-separated and repeated headers, lower-casing ids', () => {
    const header = [`contact:${ID.toUpperCase()}:1, order_line:${ID}:22`, `contact-x:${ID}:4294967295`];
    assert.deepEqual(parseConsistencyTokens(header), [
      { aggregateType: 'contact', aggregateId: ID, version: 1 },
      { aggregateType: 'order_line', aggregateId: ID, version: 22 },
      { aggregateType: 'contact-x', aggregateId: ID, version: 4294967295 },
    ]);
  });

  it('ignores malformed entries', () => {
    const malformed = [
      '',
      'contact',
      `contact:${ID}`,
      `Contact:${ID}:1`,
      `1contact:${ID}:1`,
      `contact:${ID}x:1`,
      `contact:not-a-uuid:1`,
      `contact:${ID}:-1`,
      `contact:${ID}:1.5`,
      `contact:${ID}:12345678901`,
      `contact:${ID}:1:extra`,
      `${'a'.repeat(42)}:${ID}:1`,
    ];
    assert.deepEqual(parseConsistencyTokens(malformed.join(',')), []);
    assert.deepEqual(parseConsistencyTokens(undefined), []);
    assert.deepEqual(parseConsistencyTokens([]), []);
    assert.equal(parseConsistencyTokens(`garbage,contact:${ID}:3`).length, 1);
  });

  it('reads at most 64 entries', () => {
    const many = Array.from({ length: 100 }, (_, i) => `contact:${ID}:${i + 1}`).join(',');
    const parsed = parseConsistencyTokens(many);
    assert.equal(parsed.length, 64);
    assert.equal(parsed[63]?.version, 64);
  });
});
