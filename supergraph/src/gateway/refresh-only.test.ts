import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type OperationDefinitionNode } from 'graphql';
import { onlyRefreshes } from './refresh-only';

const op = (doc: string) => parse(doc).definitions[0] as OperationDefinitionNode;

describe('onlyRefreshes (what a refresh token may ask for)', () => {
  it('admits a mutation of refreshSession alone (with __typename)', () => {
    assert.ok(onlyRefreshes(op('mutation R($t: String!) { refreshSession(refreshToken: $t) { tokens { accessToken } } }')));
    assert.ok(onlyRefreshes(op('mutation { __typename refreshSession(refreshToken: "x") { errors { code } } }')));
  });

  it('refuses queries, other mutations, extra root fields and fragments at the root', () => {
    assert.ok(!onlyRefreshes(op('query { contacts { items { id } } }')));
    assert.ok(!onlyRefreshes(op('{ refreshSession }')));
    assert.ok(!onlyRefreshes(op('mutation { signOut { signedOut } }')));
    assert.ok(
      !onlyRefreshes(op('mutation { refreshSession(refreshToken: "x") { errors { code } } a: authenticateUser(input: {}) { errors { code } } }')),
    );
    assert.ok(!onlyRefreshes(op('mutation { ... on Mutation { refreshSession(refreshToken: "x") { errors { code } } } }')));
  });
});
