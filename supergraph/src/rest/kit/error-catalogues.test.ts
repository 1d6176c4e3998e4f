import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLError } from 'graphql';
import { AppError, codesOf, defineErrors, formatGraphQLError, restErrorOf, toHttpError, ERROR_CODES } from '@crm/platform/errors';
import { serviceRegistry } from '@crm/platform/registry';
import { buildRestOpenApi } from '../openapi';
import { catalogueOf, errorCatalogues, reasonExceptions } from './catalogues';
import { fromGraphQLError } from './errors';

type Json = Record<string, any>;
const doc = buildRestOpenApi() as Json;
const errorPattern = new RegExp(doc['components']['schemas']['Error']['properties']['error']['pattern'] as string);
/** The exceptions the REST contract's error responses document, e.g. `CRM.EXCEPTIONS.NOTFOUNDEXCEPTION`. */
const documented = new Set(
  Object.values(doc['components']['responses'] as Record<string, { description: string }>).flatMap((r) =>
    [...r.description.matchAll(/CRM\.EXCEPTIONS\.[A-Z]+/g)].map((m) => m[0]),
  ),
);

describe('error catalogues', () => {
  const catalogues = errorCatalogues();

  it('collects the platform, the gateway and every registered service', () => {
    for (const s of serviceRegistry().services) assert.ok(catalogueOf(s.package), `${s.dir}/src/errors.ts declares no error catalogue`);
    const names = catalogues.map((c) => c.domain);
    assert.deepEqual(names, ['platform', 'gateway', ...serviceRegistry().services.map((s) => s.name)]);
  });

  it('every reason maps to a REST error of the contract and a GraphQL extension code, through the facade as clients see it', () => {
    let checked = 0;
    for (const catalogue of catalogues) {
      for (const [reason, spec] of Object.entries(catalogue.reasons)) {
        for (const code of codesOf(spec)) {
          const where = `${catalogue.domain}.${reason} (${code})`;
          const { status, exception } = restErrorOf(spec, code);
          const error = `CRM.EXCEPTIONS.${exception}`;
          assert.match(error, errorPattern, where);
          assert.ok(documented.has(error), `${where}: ${error} is not among the REST error responses of schema/rest/openapi.json`);
          // GraphQL: the subgraph's answer
          const thrown = AppError.relayed(code, 'message', { reason });
          const gql = formatGraphQLError({ message: 'message' }, new GraphQLError('message', { originalError: thrown }), undefined);
          assert.ok((ERROR_CODES as readonly string[]).includes(gql.extensions?.['code'] as string), where);
          assert.equal(gql.extensions?.['code'], code, where);
          assert.equal(gql.extensions?.['reason'], reason, where);
          // REST: the facade's answer to that GraphQL error
          if (code === 'INTERNAL') continue; // masked, whatever the reason
          const rest = toHttpError(fromGraphQLError({ message: 'message', extensions: gql.extensions! }, 'list'));
          assert.equal(rest.status, status, where);
          assert.equal(rest.body.error, error, where);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} reasons checked`);
  });

  it('a failed sign-in keeps its CRM.COM name; other reasons answer with their category', () => {
    const table = reasonExceptions(catalogues);
    assert.equal(table.get('INVALID_LOGIN')?.get('UNAUTHENTICATED'), 'INVALIDLOGINEXCEPTION');
    assert.equal(table.get('OTP_EXPIRED')?.get('UNAUTHENTICATED'), 'INVALIDLOGINEXCEPTION');
    assert.equal(table.get('CONTACT_CODE_TAKEN'), undefined);
  });

  it('refuses two catalogues naming different exceptions for one reason', () => {
    const a = defineErrors('a', { SAME: { code: 'UNAUTHENTICATED', exception: 'INVALIDLOGINEXCEPTION' } });
    const b = defineErrors('b', { SAME: { code: 'UNAUTHENTICATED', exception: 'UNAUTHORIZEDEXCEPTION' } });
    assert.throws(() => reasonExceptions([a, b]), /SAME \(UNAUTHENTICATED\) is INVALIDLOGINEXCEPTION in a but UNAUTHORIZEDEXCEPTION in b/);
  });
});
