import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from './app-error';
import { defineErrors, platformErrors, restErrorOf } from './catalogue';
import { ERROR_CODES, HTTP_ERRORS, REST_EXCEPTIONS } from './codes';
import { toHttpError } from './to-http-error';
import { toGraphQLError } from './to-graphql-error';

describe('error catalogues', () => {
  it('only catalogued reasons of the thrown category compile', () => {
    const ok = new AppError('NOT_FOUND', 'contact c1 was not found', { reason: 'CONTACT_NOT_FOUND' });
    assert.equal(ok.reason, 'CONTACT_NOT_FOUND');
    // @ts-expect-error a reason no catalogue declares
    const unknown = new AppError('CONFLICT', 'x', { reason: 'NOT_IN_ANY_CATALOGUE' });
    // @ts-expect-error a catalogued reason thrown under another category
    const wrongCategory = new AppError('CONFLICT', 'x', { reason: 'CONTACT_NOT_FOUND' });
    // @ts-expect-error AppError.validation takes VALIDATION reasons only
    const notValidation = AppError.validation('email', 'x', 'PERMISSION_DENIED');
    // @ts-expect-error notFound takes the subject of a catalogued <SUBJECT>_NOT_FOUND reason
    const notFound = AppError.notFound('gizmo', 'g1');
    assert.ok(unknown && wrongCategory && notValidation && notFound);
  });

  it('relayed errors keep the reason another service raised', () => {
    const e = AppError.relayed('CONFLICT', 'taken', { reason: 'SOME_REMOTE_REASON', field: 'code' });
    assert.deepEqual([e.code, e.reason, e.field], ['CONFLICT', 'SOME_REMOTE_REASON', 'code']);
  });

  it('notFound names the reason after its subject, words joined by underscores', () => {
    assert.equal(AppError.notFound('contact', 'c1').reason, 'CONTACT_NOT_FOUND');
  });

  it('maps every platform reason to its REST error and GraphQL extension code', () => {
    for (const [reason, spec] of Object.entries(platformErrors.reasons)) {
      const rest = restErrorOf(spec);
      assert.equal(rest.status, HTTP_ERRORS[spec.code].status, reason);
      assert.ok((REST_EXCEPTIONS as readonly string[]).includes(rest.exception), reason);
      const err = new AppError(spec.code, 'm', { reason: reason as never });
      assert.equal(toHttpError(err).status, rest.status, reason);
      assert.ok(ERROR_CODES.includes(toGraphQLError(err).extensions['code'] as never), reason);
      assert.equal(toGraphQLError(err).extensions['reason'], reason);
    }
  });

  it('a reason may carry a CRM.COM exception name instead of its category default', () => {
    const c = defineErrors('demo', { BAD_LOGIN: { code: 'UNAUTHENTICATED', exception: 'INVALIDLOGINEXCEPTION' }, GONE: { code: 'NOT_FOUND' } });
    assert.deepEqual(restErrorOf(c.reasons.BAD_LOGIN), { status: 401, exception: 'INVALIDLOGINEXCEPTION' });
    assert.deepEqual(restErrorOf(c.reasons.GONE), { status: 404, exception: 'NOTFOUNDEXCEPTION' });
    assert.throws(() => defineErrors('demo', { 'bad-name': { code: 'CONFLICT' } }), /SCREAMING_SNAKE/);
  });
});
