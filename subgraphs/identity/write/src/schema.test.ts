import 'reflect-metadata';
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLInputObjectType, getNamedType, isInputObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { AUTHENTICATED, SELF } from '@crm/platform/auth';
import { buildIdentityWriteSchema, RESOLVERS } from './schema';
import { isCatalogued } from './domain/permissions';

/** Fields no caller may ever set: they belong to the server (tenancy, lifecycle, secrets, grants). */
const FORBIDDEN_INPUT_FIELDS = ['tenantId', 'tenant', 'status', 'version', 'permissionsOverride', 'passwordHash', 'keyHash'];

describe('identity-write schema', () => {
  let schema: GraphQLSchema;
  before(async () => {
    schema = await buildIdentityWriteSchema(null);
  });

  it('has the directory mutations', () => {
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    for (const name of [
      'createUser',
      'updateUser',
      'disableUser',
      'changeUserPassword',
      'createRole',
      'updateRole',
      'deleteRole',
      'createApplication',
      'createOrganisation',
    ]) {
      assert.ok(mutations.includes(name), `missing mutation ${name}`);
    }
  });

  it('no input type has a field that would allow mass assignment', () => {
    const inputs = Object.values(schema.getTypeMap()).filter((t): t is GraphQLInputObjectType => isInputObjectType(t) && !t.name.startsWith('__'));
    assert.ok(inputs.length >= 7, `expected the directory inputs, found ${inputs.map((t) => t.name).join(', ')}`);
    const offending = inputs.flatMap((t) =>
      Object.keys(t.getFields())
        .filter((f) => FORBIDDEN_INPUT_FIELDS.includes(f))
        .map((f) => `${t.name}.${f}`),
    );
    assert.deepEqual(offending, []);
  });

  it('no mutation takes such a field as a plain argument either', () => {
    const offending = Object.values(schema.getMutationType()!.getFields()).flatMap((field) =>
      field.args.filter((a) => FORBIDDEN_INPUT_FIELDS.includes(a.name)).map((a) => `${field.name}(${a.name})`),
    );
    assert.deepEqual(offending, []);
  });

  it('every mutation has an authorisation rule, and every rule names catalogued permissions', () => {
    const targets = new Set<unknown>(RESOLVERS);
    const rules = new Map(
      getMetadataStorage()
        .authorizedFields.filter((a) => targets.has(a.target))
        .map((a) => [a.fieldName, a.roles as string[]]),
    );
    for (const name of Object.keys(schema.getMutationType()!.getFields())) {
      const rule = rules.get(name);
      assert.ok(rule && rule.length > 0, `mutation ${name} has no @Authorized rule`);
      for (const entry of rule)
        assert.ok(
          entry === 'public' || entry === AUTHENTICATED || entry === SELF || isCatalogued(entry),
          `${name}: ${entry} is not a catalogued permission`,
        );
    }
    assert.deepEqual(rules.get('createUser'), ['users.manage']);
    assert.deepEqual(rules.get('createRole'), ['roles.manage']);
    assert.deepEqual(rules.get('createApplication'), ['keys.manage']);
    assert.deepEqual(rules.get('createOrganisation'), ['organisations.manage']);
    assert.deepEqual(rules.get('changeUserPassword'), [AUTHENTICATED]);
  });

  it('organisations can only be created as merchants or venues', () => {
    const input = schema.getType('CreateOrganisationInput') as GraphQLInputObjectType;
    const type = getNamedType(input.getFields()['type']!.type) as unknown as { getValues(): { name: string }[] };
    assert.deepEqual(
      type.getValues().map((v) => v.name),
      ['MERCHANT', 'VENUE'],
    );
  });
});
