import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, sameJson } from './index';

describe('canonical JSON', () => {
  it('ignores the order of object keys (at any depth) and undefined members, not the order of arrays', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null }, e: undefined }), '{"a":{"c":null,"d":[2,1]},"b":1}');
    assert.ok(sameJson({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }));
    assert.ok(!sameJson([1, 2], [2, 1]));
    assert.ok(!sameJson({ a: null }, {}));
  });
});
