import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { restResources } from './routes';

/** Every GraphQL document a route declares it may send. */
const ALL_OPERATIONS = [...new Set(restResources().flatMap((r) => r.routes.flatMap((route) => route.operations)))];

const SUPERGRAPH = resolve(__dirname, '../../../schema/supergraph.graphql');

describe('GraphQL operations of the REST facade', () => {
  it('are valid against the composed supergraph and stay well inside the gateway limits', () => {
    const schema = buildSchema(readFileSync(SUPERGRAPH, 'utf8'));
    for (const op of ALL_OPERATIONS) {
      const doc = parse(op.query);
      assert.deepEqual(
        validate(schema, doc).map((e) => e.message),
        [],
        op.operationName,
      );
      const names = doc.definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? [d.name?.value] : []));
      assert.deepEqual(names, [op.operationName]);
      const tokens = op.query.match(/[A-Za-z_][A-Za-z0-9_]*|[{}():$!,[\]]|\.\.\./g) ?? [];
      assert.ok(tokens.length < 1000, `${op.operationName} has ${tokens.length} tokens`);
    }
  });
});
