import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { CALLERS, POLICY, type Caller } from './policy-table';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

/** A placeholder value of the right type: enough to get past GraphQL validation to authorization. */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [placeholder(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type)) out[f.name] = placeholder(f.type);
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTimeISO':
        return new Date(Date.now() + 3600_000).toISOString();
      default:
        return 'x';
    }
  }
  return null;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) continue;
    defs.push(`$${arg.name}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $${arg.name}`);
    variables[arg.name] = placeholder(arg.type);
  }
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${kind}${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  return { query, variables };
}

/** Refused by authorization (as opposed to failing later on the placeholder input). */
function refused(body: Gql): boolean {
  return (body.errors ?? []).some(
    (e) =>
      (e.extensions?.['code'] === 'FORBIDDEN' && e.extensions?.['reason'] === 'PERMISSION_DENIED') ||
      (e.extensions?.['code'] === 'UNAUTHENTICATED' && e.extensions?.['reason'] === 'AUTHENTICATION_REQUIRED'),
  );
}

describe('role matrix: every root field × every kind of caller equals the policy table', () => {
  let p: TestPlatform;
  let schema: GraphQLSchema;
  const headers = {} as Record<Caller, Record<string, string>>;

  before(async () => {
    p = await startTestPlatform('role-matrix');
    const t = await p.identityWrite.createTenant({
      name: 'Matrix',
      ownerEmail: 'owner@m.example',
      ownerPassword: 'Owner-Password-123',
      applicationName: 'Matrix App',
    });
    const signIn = async (email: string, password: string) => {
      const r = await p.graphql<Gql>(
        `mutation($u: String!, $p: String!) { authenticateUser(input: { username: $u, password: $p }) { tokens { accessToken } errors { code } } }`,
        { u: email, p: password },
        { api_key: t.publicApiKey },
      );
      const token = r.body.data?.['authenticateUser']?.tokens?.accessToken as string | undefined;
      assert.ok(token, r.text);
      return { authorization: `Bearer ${token}` };
    };
    headers.owner = await signIn('owner@m.example', 'Owner-Password-123');
    const roles = (await p.identityWrite.dataSource.query(`SELECT id, name FROM roles WHERE tenant_id = $1`, [t.tenantId])) as {
      id: string;
      name: string;
    }[];
    for (const role of ['admin', 'agent', 'finance', 'read_only'] as const) {
      const email = `${role.replace('_', '-')}@m.example`;
      const created = await p.graphql<Gql>(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { errors { code field message } } }`,
        { i: { email, password: 'Role-Password-123', firstName: role, lastName: 'User', roleIds: [roles.find((r) => r.name === role)!.id] } },
        headers.owner,
      );
      assert.deepEqual(created.body.data?.['createUser']?.errors, [], created.text);
      headers[role] = await signIn(email, 'Role-Password-123');
    }
    headers.secret_key = { api_key: t.secretApiKey };
    headers.anonymous = { api_key: t.publicApiKey };
    const reg = await p.graphql<Gql>(
      `mutation { registerContact(input: { firstName: "Con", lastName: "Tact", provider: EMAIL, email: "contact@m.example", password: "Contact-Password-1" }) { tokens { accessToken } errors { code } } }`,
      {},
      { api_key: t.publicApiKey },
    );
    headers.contact = { authorization: `Bearer ${reg.body.data?.['registerContact']?.tokens?.accessToken as string}` };
    const introspection = await p.graphql<{ data: IntrospectionQuery }>(getIntrospectionQuery(), {}, headers.owner);
    schema = buildClientSchema(introspection.body.data);
  });
  after(async () => {
    await p?.stop();
  });

  it('has a policy entry for every root field and no entry for a field that does not exist', () => {
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields())
        .filter((f) => !f.startsWith('_'))
        .map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
    ].sort();
    assert.deepEqual(fields, Object.keys(POLICY).sort());
  });

  it('admits exactly the callers the policy lists, field by field', async () => {
    const mismatches: string[] = [];
    const roots: ['query' | 'mutation', Record<string, GraphQLField<unknown, unknown>>][] = [
      ['query', schema.getQueryType()!.getFields()],
      ['mutation', schema.getMutationType()!.getFields()],
    ];
    // signOut ends the caller's session: run it last
    const order = roots.flatMap(([kind, fields]) =>
      Object.values(fields)
        .filter((f) => !f.name.startsWith('_'))
        .map((f) => [kind, f] as const),
    );
    order.sort(([, a], [, b]) => Number(a.name === 'signOut') - Number(b.name === 'signOut'));
    for (const [kind, field] of order) {
      const key = `${kind === 'query' ? 'Query' : 'Mutation'}.${field.name}`;
      const { query, variables } = operationFor(kind, field);
      // the callers of one field are independent (each its own credentials): asked at once, so the
      // matrix (every field × 8 callers) stays well inside the file's time limit on a loaded box
      const answers = await Promise.all(
        CALLERS.map(async (caller) => {
          const r = await p.graphql<Gql>(query, variables, headers[caller]);
          assert.ok(r.status < 500, `${key} as ${caller}: ${r.status} ${r.text.slice(0, 300)}`);
          assert.notEqual(r.status, 401, `${key} as ${caller}: credentials refused: ${r.text.slice(0, 300)}`);
          assert.ok(!(r.body.errors ?? []).some((e) => e.extensions?.['code'] === 'INTERNAL'), `${key} as ${caller}: ${r.text.slice(0, 300)}`);
          return refused(r.body) ? null : caller;
        }),
      );
      const allowed: Caller[] = answers.filter((c): c is Caller => c !== null);
      const expected = [...(POLICY[key] ?? [])].sort();
      if (JSON.stringify(allowed.sort()) !== JSON.stringify(expected))
        mismatches.push(`${key}: allowed ${allowed.join(',')} | policy ${expected.join(',')}`);
    }
    assert.deepEqual(mismatches, []);
  });
});
