import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toHttpError } from '@crm/platform/errors';
import { fromGraphQLError, fromUserError } from './errors';

describe('fromGraphQLError (top-level errors)', () => {
  const status = (code: string | undefined, httpStatus = 200) =>
    toHttpError(fromGraphQLError({ message: 'boom', ...(code ? { extensions: { code } } : {}) }, 'backoffice-contact', httpStatus)).status;

  it('maps extensions.code to the HTTP status', () => {
    assert.equal(status('UNAUTHENTICATED'), 401);
    assert.equal(status('FORBIDDEN'), 403);
    assert.equal(status('VALIDATION'), 400);
    assert.equal(status('BAD_USER_INPUT'), 400);
    assert.equal(status('GRAPHQL_VALIDATION_FAILED'), 400);
    assert.equal(status('NOT_FOUND'), 404);
    assert.equal(status('CONFLICT'), 409);
    assert.equal(status('RATE_LIMITED'), 429);
    assert.equal(status('INTERNAL'), 500);
    assert.equal(status('SOMETHING_NEW'), 500);
    assert.equal(status(undefined, 401), 401);
    assert.equal(status(undefined, 200), 500);
  });

  it('masks internal errors', () => {
    const { body } = toHttpError(fromGraphQLError({ message: 'db password is hunter2', extensions: { code: 'INTERNAL' } }, 'list'));
    assert.deepEqual(body, { error: 'CRM.EXCEPTIONS.INTERNALSERVEREXCEPTION', message: 'An unexpected error occurred' });
  });

  it('names the REST field of a domain validation error', () => {
    const { status: s, body } = toHttpError(
      fromGraphQLError(
        { message: 'filter.search: must be at most 200 characters', extensions: { code: 'VALIDATION', field: 'filter.search', reason: 'TOO_LONG' } },
        'list',
      ),
    );
    assert.equal(s, 400);
    assert.deepEqual(body, {
      error: 'CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION',
      message: 'search_value: must be at most 200 characters',
      field: 'search_value',
    });
  });

  it('rephrases GraphQL variable errors in REST terms', () => {
    const err = fromGraphQLError(
      {
        message: 'Variable "$input" got invalid value "PAGER" at "input.phones[0].type"; Value "PAGER" does not exist in "PhoneType" enum.',
        extensions: { code: 'BAD_USER_INPUT' },
      },
      'backoffice-contact',
    );
    assert.equal(err.field, 'phones.0.phone_type');
    assert.equal(err.message, 'phones.0.phone_type: has an invalid value');
  });
});

describe('fromUserError (payload errors)', () => {
  it('maps code and field', () => {
    const conflict = toHttpError(
      fromUserError({ code: 'CONFLICT', reason: 'CONTACT_CODE_TAKEN', field: 'code', message: 'code is taken' }, 'backoffice-contact'),
    );
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.field, 'code');
    const email = toHttpError(
      fromUserError(
        { code: 'VALIDATION', reason: 'INVALID_EMAIL', field: 'email', message: 'email: is not a valid email address' },
        'backoffice-contact',
      ),
    );
    assert.deepEqual(email, {
      status: 400,
      body: { error: 'CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION', message: 'email_address: is not a valid email address', field: 'email_address' },
    });
    const missing = toHttpError(
      fromUserError({ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND', field: null, message: 'contact x was not found' }, 'address'),
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION');
    const address = fromUserError({ code: 'VALIDATION', reason: null, field: 'address.countryCode', message: 'address.countryCode: bad' }, 'address');
    assert.equal(address.field, 'country_code');
    assert.equal(address.message, 'country_code: bad');
  });
});

describe('exception names of domain reasons', () => {
  it('a failed sign-in is CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION (401); other reasons keep the category name', () => {
    const login = toHttpError(
      fromGraphQLError(
        { message: 'the username or password is not correct', extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_LOGIN' } },
        'auth',
      ),
    );
    assert.deepEqual(login, {
      status: 401,
      body: { error: 'CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION', message: 'the username or password is not correct' },
    });
    const token = toHttpError(fromGraphQLError({ message: 'expired', extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' } }, 'auth'));
    assert.equal(token.body.error, 'CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION');
    const proto = toHttpError(fromGraphQLError({ message: 'x', extensions: { code: 'UNAUTHENTICATED', reason: 'constructor' } }, 'auth'));
    assert.equal(proto.body.error, 'CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION');
  });
});
