import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { parsePagingQuery } from './paging';

describe('parsePagingQuery', () => {
  it('uses the given default size and refuses other parameters', () => {
    assert.deepEqual(parsePagingQuery(new URLSearchParams(''), 100), { page: 1, size: 100, includeTotal: false });
    assert.throws(
      () => parsePagingQuery(new URLSearchParams('sort=NAME')),
      (e: unknown) => e instanceof AppError && e.field === 'sort',
    );
  });
});
