import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors/app-error';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageWindow } from './pagination';

const invalid = (field: string, reason: string) => (err: unknown) =>
  err instanceof AppError && err.code === 'VALIDATION' && err.field === field && err.reason === reason;

describe('cursors', () => {
  it('round-trip offsets', () => {
    for (const o of [0, 1, 19, 999, 1_000_000]) assert.equal(decodeCursor(encodeCursor(o)), o);
    assert.match(encodeCursor(5), /^[A-Za-z0-9_-]+$/, 'url-safe');
  });

  it('reject anything this API did not produce', () => {
    const foreign = [
      '',
      'abc',
      Buffer.from('o:-1').toString('base64url'),
      Buffer.from('o:1.5').toString('base64url'),
      Buffer.from('x:1').toString('base64url'),
      Buffer.from('o:1234567890').toString('base64url'),
      Buffer.from('o:1 ').toString('base64url'),
    ];
    for (const c of foreign) assert.throws(() => decodeCursor(c), invalid('after', 'INVALID_CURSOR'), c);
    assert.throws(() => decodeCursor('!!', 'before'), invalid('before', 'INVALID_CURSOR'));
  });
});

describe('pageWindow', () => {
  it('defaults', () => {
    assert.deepEqual(pageWindow({}), { offset: 0, limit: 20 });
    assert.deepEqual(pageWindow({ first: null, after: null, offset: null }, 50), { offset: 0, limit: 50 });
  });

  it('accepts page sizes 1..MAX_PAGE_SIZE only', () => {
    assert.deepEqual(pageWindow({ first: 1 }), { offset: 0, limit: 1 });
    assert.deepEqual(pageWindow({ first: MAX_PAGE_SIZE }), { offset: 0, limit: MAX_PAGE_SIZE });
    for (const first of [0, -1, MAX_PAGE_SIZE + 1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => pageWindow({ first }), invalid('first', 'INVALID_PAGE_SIZE'), String(first));
    }
  });

  it('continues after a cursor, which wins over offset', () => {
    assert.deepEqual(pageWindow({ first: 10, after: encodeCursor(9) }), { offset: 10, limit: 10 });
    assert.deepEqual(pageWindow({ first: 10, after: encodeCursor(9), offset: 500 }), { offset: 10, limit: 10 });
  });

  it('bounds offsets', () => {
    assert.deepEqual(pageWindow({ offset: 0 }), { offset: 0, limit: 20 });
    assert.deepEqual(pageWindow({ offset: 1_000_000 }), { offset: 1_000_000, limit: 20 });
    for (const offset of [-1, 1_000_001, 1.5]) assert.throws(() => pageWindow({ offset }), invalid('offset', 'INVALID_OFFSET'), String(offset));
  });

  it('bounds cursors like offsets (a crafted cursor cannot skip past the offset limit)', () => {
    assert.deepEqual(pageWindow({ after: encodeCursor(999_999) }), { offset: 1_000_000, limit: 20 });
    for (const o of [1_000_000, 999_999_999]) {
      assert.throws(() => pageWindow({ after: Buffer.from(`o:${o}`).toString('base64url') }), invalid('after', 'INVALID_CURSOR'), String(o));
    }
  });

  it('rejects a malformed cursor', () => {
    assert.throws(() => pageWindow({ after: 'bogus' }), invalid('after', 'INVALID_CURSOR'));
  });
});
