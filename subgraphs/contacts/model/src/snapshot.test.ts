import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { displayNameOf } from './snapshot';

type Named = Parameters<typeof displayNameOf>[0];
const named = (extra: Partial<Named>): Named => ({ type: 'PERSON', firstName: null, lastName: null, companyName: null, code: 'C-1', ...extra });

describe('displayNameOf', () => {
  it('uses the company name for a company', () => {
    assert.equal(displayNameOf(named({ type: 'COMPANY', companyName: 'Acme Ltd', firstName: 'Ada', lastName: 'Lovelace' })), 'Acme Ltd');
  });

  it('uses first and last name for a person', () => {
    assert.equal(displayNameOf(named({ firstName: 'Ada', lastName: 'Lovelace', companyName: 'Acme' })), 'Ada Lovelace');
  });

  it('uses whichever single name a person has', () => {
    assert.equal(displayNameOf(named({ lastName: 'Lovelace' })), 'Lovelace');
    assert.equal(displayNameOf(named({ firstName: 'Ada' })), 'Ada');
  });

  it('falls back to the company name, then the code', () => {
    assert.equal(displayNameOf(named({ companyName: 'Acme' })), 'Acme');
    assert.equal(displayNameOf(named({})), 'C-1');
    assert.equal(displayNameOf(named({ type: 'COMPANY', firstName: 'Ada' })), 'Ada');
  });
});
