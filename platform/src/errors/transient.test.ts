import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLError } from 'graphql';
import { formatGraphQLError } from './to-graphql-error';
import { toHttpError } from './to-http-error';
import { isTransientInfrastructureError } from './transient';

const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const typeorm = (code: string) => Object.assign(new Error('QueryFailedError: duplicate key'), { driverError: { code } });

describe('transient infrastructure errors', () => {
  it('recognises dropped connections, shutdowns, serialization failures and deadlocks, also wrapped', () => {
    for (const e of [
      reset,
      new Error('Connection terminated unexpectedly'),
      typeorm('08006'),
      typeorm('57P01'),
      typeorm('40001'),
      typeorm('40P01'),
      { cause: reset },
    ]) {
      assert.equal(isTransientInfrastructureError(e), true, String((e as Error).message));
    }
  });
  it('leaves real bugs and bad requests alone', () => {
    for (const e of [new Error('undefined is not a function'), typeorm('23505'), typeorm('42P01'), null, 'text'])
      assert.equal(isTransientInfrastructureError(e), false);
  });
  it('maps them to GraphQL UNAVAILABLE and REST 503, with no driver text', () => {
    const gql = formatGraphQLError({ message: 'read ECONNRESET' }, new GraphQLError('read ECONNRESET', { originalError: reset }), 'corr-1');
    assert.deepEqual(gql.extensions, { code: 'UNAVAILABLE', reason: 'TEMPORARILY_UNAVAILABLE', correlationId: 'corr-1' });
    assert.doesNotMatch(gql.message, /ECONNRESET/);
    const rest = toHttpError(typeorm('57P01'));
    assert.equal(rest.status, 503);
    assert.equal(rest.body.error, 'CRM.EXCEPTIONS.SERVICEUNAVAILABLEEXCEPTION');
    assert.equal(toHttpError(new Error('bug')).status, 500);
  });
});
