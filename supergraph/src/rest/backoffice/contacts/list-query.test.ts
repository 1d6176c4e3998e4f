import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { parseContactListQuery } from './list-query';

const q = (s: string) => parseContactListQuery(new URLSearchParams(s));

function rejects(query: string, field: string) {
  assert.throws(
    () => q(query),
    (err: unknown) => err instanceof AppError && err.code === 'VALIDATION' && err.field === field,
    `${query} should be rejected naming ${field}`,
  );
}

describe('parseContactListQuery', () => {
  it('applies the CRM.COM defaults', () => {
    const r = q('');
    assert.deepEqual(r, { page: 1, size: 10, includeTotal: false, sort: { field: 'CREATED_AT', direction: 'DESC' }, filter: {} });
  });

  it('reads paging, sorting and every filter', () => {
    const r = q(
      'page=3&size=25&sort=name&order=asc&include_total=TRUE&search_value=ann&email_address=a@b.co&phone=%2B357%2099-12&code=C1&tags=vip,%20gold,&contact_type=company&created_on[gte]=1700000000&created_on[lte]=1700000100',
    );
    assert.equal(r.page, 3);
    assert.equal(r.size, 25);
    assert.equal(r.includeTotal, true);
    assert.deepEqual(r.sort, { field: 'NAME', direction: 'ASC' });
    assert.deepEqual(r.filter, {
      search: 'ann',
      email: 'a@b.co',
      phone: '3579912',
      code: 'C1',
      tags: ['vip', 'gold'],
      type: 'COMPANY',
      createdFrom: '2023-11-14T22:13:20.000Z',
      createdTo: '2023-11-14T22:15:00.999Z',
    });
  });

  it('maps the sort names', () => {
    assert.equal(q('sort=UPDATED_DATE').sort.field, 'UPDATED_AT');
    assert.equal(q('sort=CODE').sort.field, 'CODE');
    assert.equal(q('sort=CREATED_DATE').sort.field, 'CREATED_AT');
  });

  it('accepts the email spelling and the strict bounds', () => {
    assert.equal(q('email=x@y.co').filter.email, 'x@y.co');
    assert.equal(q('created_on[gt]=10').filter.createdFrom, new Date(11_000).toISOString());
    assert.equal(q('created_on[lt]=10').filter.createdTo, new Date(9_999).toISOString());
  });

  it('rejects bad parameters naming them', () => {
    rejects('page=0', 'page');
    rejects('page=abc', 'page');
    rejects('page=1.5', 'page');
    rejects('size=101', 'size');
    rejects('size=0', 'size');
    rejects('size=-1', 'size');
    rejects('sort=AGE', 'sort');
    rejects('order=UP', 'order');
    rejects('include_total=yes', 'include_total');
    rejects('contact_type=ROBOT', 'contact_type');
    rejects('created_on[gte]=yesterday', 'created_on[gte]');
    rejects('created_on[gte]=-5', 'created_on[gte]');
    rejects('created_on[gte]=200&created_on[lte]=100', 'created_on[gte]');
    rejects('created_on[gte]=1&created_on[gt]=1', 'created_on[gt]');
    rejects('unknown=1', 'unknown');
    rejects('page=1&page=2', 'page');
    rejects(`search_value=${'x'.repeat(201)}`, 'search_value');
    rejects('phone=abc', 'phone');
    rejects(`tags=${Array.from({ length: 51 }, (_, i) => `t${i}`).join(',')}`, 'tags');
    rejects('email=a@b.co&email_address=a@b.co', 'email');
    rejects('page=200000&size=100', 'page');
  });
});
