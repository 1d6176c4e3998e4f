import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { allowedParentTypes, checkOrganisationName, checkOrganisationParent, ORGANISATION_TYPES, type OrganisationType } from './organisations';

function outcome(type: OrganisationType, parent: OrganisationType): string {
  try {
    checkOrganisationParent(type, parent);
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'VALIDATION');
    return `${err.field}:${err.reason}`;
  }
}

describe('organisation hierarchy', () => {
  it('a merchant belongs to the business; a venue to a merchant or the business', () => {
    const expected: Record<string, string> = {
      'MERCHANT<BUSINESS': 'ok',
      'MERCHANT<MERCHANT': 'parentId:INVALID_PARENT',
      'MERCHANT<VENUE': 'parentId:INVALID_PARENT',
      'VENUE<BUSINESS': 'ok',
      'VENUE<MERCHANT': 'ok',
      'VENUE<VENUE': 'parentId:INVALID_PARENT',
      'BUSINESS<BUSINESS': 'type:INVALID_ORGANISATION_TYPE',
      'BUSINESS<MERCHANT': 'type:INVALID_ORGANISATION_TYPE',
      'BUSINESS<VENUE': 'type:INVALID_ORGANISATION_TYPE',
    };
    for (const type of ORGANISATION_TYPES) {
      for (const parent of ORGANISATION_TYPES) assert.equal(outcome(type, parent), expected[`${type}<${parent}`], `${type} under ${parent}`);
    }
  });

  it('lists the allowed parent types', () => {
    assert.deepEqual(allowedParentTypes('MERCHANT'), ['BUSINESS']);
    assert.deepEqual([...allowedParentTypes('VENUE')].sort(), ['BUSINESS', 'MERCHANT']);
    assert.deepEqual(allowedParentTypes('BUSINESS'), []);
  });

  it('names are trimmed, 1-200 characters', () => {
    assert.equal(checkOrganisationName('  Shop  '), 'Shop');
    assert.throws(
      () => checkOrganisationName(' '),
      (e: unknown) => e instanceof AppError && e.field === 'name',
    );
    assert.throws(
      () => checkOrganisationName('x'.repeat(201)),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION',
    );
  });
});
