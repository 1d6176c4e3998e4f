import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020';
import pino from 'pino';
import { MemoryCache } from '@crm/platform/cache';
import { generateApiKey } from '@crm/platform/security';
import { buildRestOpenApi, openApiPath } from './openapi';
import { restRoutes } from './routes';
import { allowedMethods } from './kit/router';
import { createRestFacade } from './index';
import type { GraphQLCall, GraphQLResult } from './kit/gateway-client';
import { sampleContact } from './domains/contacts/fixtures';
import { SELF_SERVICE_CONTRACT } from '../contracts/paths';

type Json = Record<string, any>;

const doc = buildRestOpenApi() as Json;

/**
 * POSTs whose Self-Service contract answers 200, not 201 (the contract is the arbiter): e.g. adding
 * services answers `[{id}]` with 200, raising a service request `{id}` with 200.
 */
const CONTRACT_200_POSTS = Object.entries((JSON.parse(readFileSync(SELF_SERVICE_CONTRACT, 'utf8')) as Json)['paths'] as Json)
  .filter(([, item]) => item['post'] && Object.keys(item['post']['responses'] ?? {}).includes('200') && !('201' in (item['post']['responses'] ?? {})))
  .map(([path]) => path);
/** The POSTs the Self-Service contract answers with 204 only (e.g. bulk transfers). */
const CONTRACT_204_POSTS = Object.entries((JSON.parse(readFileSync(SELF_SERVICE_CONTRACT, 'utf8')) as Json)['paths'] as Json)
  .filter(([, item]) => item['post'] && Object.keys(item['post']['responses'] ?? {}).every((s) => !/^2/.test(s) || s === '204'))
  .map(([path]) => path);
/** Actions on an existing record (`…/{id}/actions`) change its state and answer 200 `{id}`. */
const isRecordAction = (path: string) => /\/\{id\}\/actions$/.test(path);
/** POSTs that compute or apply something and answer 200 (issue 17: an automation dry run, the integrations import). */
const COMPUTED_POSTS = [
  '/backoffice/v2/automations/{id}/dry_run',
  '/backoffice/v2/integrations/import',
  // issue 14: voiding and posting an invoice answer the invoice
  '/backoffice/v2/invoices/{id}/void',
  '/backoffice/v2/invoices/{id}/post',
];
/** Actions that queue work and answer 202 Accepted (issue 17: webhook replays). */
const ACCEPTED_ACTIONS = ['/backoffice/v2/webhooks/{id}/deliveries/{delivery_id}/replay', '/backoffice/v2/webhooks/{id}/replay'];

const SESSION_ACTIONS = [
  '/backoffice/v2/users/authenticate',
  '/backoffice/v2/users/refresh',
  '/backoffice/v2/users/forgot_password',
  '/backoffice/v2/users/change_password',
  '/backoffice/v2/users/{id}/sign_out',
  '/backoffice/v2/organisations/switch/{id}',
  '/self-service/v2/contacts/authenticate',
  '/self-service/v2/contacts/otp',
  '/self-service/v2/contacts/validate_otp',
  '/self-service/v2/contacts/refresh',
  '/self-service/v2/contacts/forgot_password',
  '/self-service/v2/contacts/change_password',
  '/self-service/v2/contacts/request_email_verification',
  '/self-service/v2/contacts/{id}/sign_out',
  '/self-service/v2/contacts/{id}/change_password',
];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function resolvePointer(ref: string): unknown {
  assert.ok(ref.startsWith('#/'), `only local refs are used: ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

/** A $ref'd parameter/response as its target. */
const deref = (node: Json): Json => (node['$ref'] ? (resolvePointer(node['$ref']) as Json) : node);

function operations(): [string, string, Json][] {
  return Object.entries(doc['paths'] as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([m]) => HTTP_METHODS.includes(m))
      .map(([m, op]) => [path, m, op as Json] as [string, string, Json]),
  );
}

function ajvWithDoc(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'openapi.json');
  return ajv;
}

describe('REST OpenAPI document', () => {
  it('is an OpenAPI 3.1 document with the title and the package version', () => {
    assert.equal(doc['openapi'], '3.1.0');
    assert.equal(doc['info'].title, 'CRM platform REST facade');
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    assert.equal(doc['info'].version, pkg.version);
    assert.equal(typeof doc['paths'], 'object');
  });

  it('is deterministic', () => {
    assert.equal(JSON.stringify(buildRestOpenApi()), JSON.stringify(doc));
  });

  it('describes exactly the routes the router serves', () => {
    const served = restRoutes().flatMap((r) => allowedMethods(r).map((m) => `${m.toLowerCase()} ${openApiPath(r.pattern)}`));
    const documented = operations().map(([path, method]) => `${method} ${path}`);
    assert.deepEqual([...documented].sort(), [...served].sort());
    assert.ok(served.length >= 12);
  });

  it('resolves every $ref', () => {
    const refs = collectRefs(doc);
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.notEqual(resolvePointer(ref), undefined, `unresolved ${ref}`);
  });

  it('gives each operation a unique id, responses, and its path parameters', () => {
    const ids = new Set<string>();
    for (const [path, method, op] of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(typeof op['operationId'] === 'string' && !ids.has(op['operationId']), `${where}: operationId`);
      ids.add(op['operationId']);
      const statuses = Object.keys(op['responses'] ?? {});
      assert.ok(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${where}: a success response`,
      );
      for (const s of ['400', '401', '403', '429', '500']) assert.ok(statuses.includes(s), `${where}: ${s}`);
      if (op['requestBody']) for (const s of ['413', '415']) assert.ok(statuses.includes(s), `${where}: ${s}`);
      // creates answer 201; the session actions (sign-in, refresh, sign-out, switch, forgot_password) 200 or 204;
      // the POSTs the Self-Service contract answers with 200, and record actions, answer 200 only; queued work 202 only
      const answers200 = CONTRACT_200_POSTS.includes(path) || isRecordAction(path) || COMPUTED_POSTS.includes(path);
      if (method === 'post' && ACCEPTED_ACTIONS.includes(path))
        assert.deepEqual(
          statuses.filter((s) => /^2/.test(s)),
          ['202'],
          `${where}: 202`,
        );
      else if (method === 'post' && CONTRACT_204_POSTS.includes(path))
        assert.deepEqual(
          statuses.filter((s) => /^2/.test(s)),
          ['204'],
          `${where}: 204`,
        );
      else if (method === 'post' && !SESSION_ACTIONS.includes(path) && !answers200) assert.ok(statuses.includes('201'), `${where}: 201`);
      if (method === 'post' && answers200)
        assert.deepEqual(
          statuses.filter((s) => /^2\d\d$/.test(s)),
          ['200'],
          `${where}: 200 as the contract says`,
        );
      if (SESSION_ACTIONS.includes(path)) assert.ok(statuses.includes('200') !== statuses.includes('204'), `${where}: 200 or 204`);
      for (const r of Object.values(op['responses'] as Json)) assert.equal(typeof deref(r as Json)['description'], 'string');

      const item = (doc['paths'] as Json)[path] as Json;
      const params = [...(item['parameters'] ?? []), ...(op['parameters'] ?? [])].map((p: Json) => deref(p));
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const pathParams = params.filter((p) => p['in'] === 'path').map((p) => p['name']);
      assert.deepEqual(pathParams.sort(), templated.sort(), `${where}: path parameters`);
      for (const p of params) assert.ok(p['schema'], `${where}: ${p['name']} has a schema`);
      assert.ok(Array.isArray(op['security']) && op['security'].length > 0, `${where}: security`);
      for (const requirement of op['security'] as Json[]) {
        for (const scheme of Object.keys(requirement)) assert.ok(doc['components'].securitySchemes[scheme], `${where}: scheme ${scheme}`);
      }
    }
  });

  it('documents the facade headers and security schemes', () => {
    const post = (doc['paths'] as Json)['/backoffice/v2/contacts'].post as Json;
    assert.ok(post['parameters'].some((p: Json) => deref(p)['name'] === 'Idempotency-Key'));
    const get = (doc['paths'] as Json)['/backoffice/v2/contacts/{id}'].get as Json;
    assert.ok(get['parameters'].some((p: Json) => deref(p)['name'] === 'x-consistency-token'));
    const schemes = doc['components'].securitySchemes as Json;
    assert.deepEqual([schemes['api_key'].type, schemes['api_key'].in, schemes['api_key'].name], ['apiKey', 'header', 'api_key']);
    assert.deepEqual([schemes['bearer'].type, schemes['bearer'].scheme, schemes['bearer'].bearerFormat], ['http', 'bearer', 'JWT']);
    assert.equal(schemes['dev_tenant'].name, 'x-dev-tenant');
    assert.equal(schemes['dev_principal'].name, 'x-dev-principal');
  });

  it('list parameters carry the limits the facade enforces', () => {
    const list = (doc['paths'] as Json)['/backoffice/v2/contacts'].get as Json;
    const byName = Object.fromEntries((list['parameters'] as Json[]).map((p) => deref(p)).map((p) => [p['name'], p['schema']]));
    assert.deepEqual(byName['size'], { type: 'integer', minimum: 1, maximum: 100, default: 10 });
    assert.deepEqual(byName['order'].enum, ['ASC', 'DESC']);
    assert.equal(byName['sort'].default, 'CREATED_DATE');
    assert.equal(byName['include_total'].default, false);
  });

  it('every component schema is valid JSON Schema 2020-12 (Ajv compiles it, refs included)', () => {
    const ajv = ajvWithDoc();
    for (const name of Object.keys(doc['components'].schemas)) {
      assert.doesNotThrow(() => ajv.getSchema(`openapi.json#/components/schemas/${name}`), name);
      assert.ok(ajv.getSchema(`openapi.json#/components/schemas/${name}`), name);
    }
  });

  it('request schemas agree with the zod validation on sample bodies', () => {
    const ajv = ajvWithDoc();
    const create = ajv.getSchema('openapi.json#/components/schemas/BackOfficeContactCreateRequest')!;
    assert.equal(
      create({ contact_type: 'PERSON', first_name: 'Ann', phones: [{ phone_type: 'MOBILE', country_code: 'CYP', number: '99123456' }] }),
      true,
    );
    assert.equal(create({ contact_type: 'PERSON', shoe: 1 }), false, 'unknown field');
    assert.equal(create({ first_name: 'Ann' }), false, 'no type');
    assert.equal(create({ contact_type: 'PERSON', type: 'PERSON' }), false, 'both spellings');
    assert.equal(create({ contact_type: 'PERSON', email: 'a@b.co', email_address: 'a@b.co' }), false, 'both emails');
    const address = ajv.getSchema('openapi.json#/components/schemas/AddressRequest')!;
    assert.equal(address({ type: 'HOME', address_line_1: '1 Main St', country_code: 'CYP' }), true);
    assert.equal(address({ type: 'HOME', address_line_1: '1 Main St', country_code: 'XXX' }), false);
    assert.equal(address({ address_line_1: '1 Main St' }), false);
  });
});

/** Real facade responses (stub gateway) validate against the document. */
describe('REST OpenAPI document against the facade', () => {
  let server: Server;
  let base: string;
  let respond: (call: GraphQLCall) => GraphQLResult = () => ({ status: 200, body: { data: null }, headers: {} });
  const ajv = ajvWithDoc();
  const json = { 'content-type': 'application/json' };
  const contact = sampleContact();
  const PUBLIC_KEY = generateApiKey('public', 'live').key;
  const USER_ID = '0df9936c-7d5f-a878-4c05-9b942aa14295';
  /** Shaped like a JWT with sub = USER_ID (the stub gateway verifies nothing). */
  const USER_TOKEN = `e30.${Buffer.from(JSON.stringify({ sub: USER_ID })).toString('base64url')}.sig`;
  const TOKENS = { accessToken: USER_TOKEN, refreshToken: 'crm_rt_new', expiresAt: 1_900_000_000, sessionId: 's1' };
  const CONTACT_TOKEN = `e30.${Buffer.from(JSON.stringify({ sub: contact.id, aud: 'crm-self-service' })).toString('base64url')}.sig`;
  const CONTACT_TOKENS = { accessToken: CONTACT_TOKEN, refreshToken: 'crm_rt_c', expiresAt: 1_900_000_000, sessionId: 's2' };
  const contactAuth = (tokens: unknown, otp = false) => ({
    contactId: contact.id,
    tokens,
    isVerified: false,
    authOtp: otp ? 'b5a1f4de-6f0e-4c1e-9f57-2b8f1d6c7a10' : null,
    obfuscatedValue: otp ? '*****200' : null,
    consistencyToken: `contact:${contact.id}:1`,
    errors: [],
  });
  const ok = { ok: true, errors: [] };

  before(async () => {
    const handler = createRestFacade({
      client: { execute: async (call) => respond(call) },
      cache: new MemoryCache(),
      logger: pino({ level: 'silent' }),
    });
    server = createServer((req, res) => {
      res.setHeader('x-correlation-id', 'corr-1');
      void handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const payload = (field: string) => ({
    [field]: { contact: { id: contact.id }, address: { id: 'a1' }, consistencyToken: `contact:${contact.id}:4`, errors: [] },
  });
  const BO_USER = {
    id: USER_ID,
    email: 'owner@example.com',
    firstName: 'Ann',
    lastName: null,
    status: 'ACTIVE',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    roles: [{ id: 'r1', name: 'owner' }],
    teams: [{ id: 't1', name: 'Ops' }],
  };
  const ROLE_ID = '0df9936c-7d5f-4878-8c05-9b942aa14296';
  const TEAM = {
    id: '0df9936c-7d5f-4878-8c05-9b942aa14297',
    name: 'Ops',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
  };
  const KEY_ID = '0df9936c-7d5f-4878-8c05-9b942aa14298';
  const ISSUED = { id: KEY_ID, key: 'crm_sk_live_x', masked: 'crm_sk_live_********abcd', errors: [] };
  const API_KEY = {
    id: KEY_ID,
    applicationId: USER_ID,
    kind: 'secret',
    env: 'live',
    name: 'ci',
    masked: 'crm_sk_live_********abcd',
    roleId: ROLE_ID,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-02-01T00:00:00.000Z',
    revoked: false,
  };
  const ORG = { id: USER_ID, parentId: null, type: 'BUSINESS', name: 'Acme', createdAt: '2026-01-01T00:00:00.000Z' };
  const DATA: Record<string, unknown> = {
    RestGetContact: { contact },
    RestListContacts: { contacts: { nodes: [contact], pageInfo: { hasNextPage: false }, totalCount: 1 } },
    RestListContactAddresses: { contact: { id: contact.id, addresses: contact.addresses } },
    RestCreateContact: payload('createContact'),
    RestUpdateContact: payload('updateContact'),
    RestSetContactTags: payload('setContactTags'),
    RestUnregisterContact: { unregisterContact: { id: contact.id, consistencyToken: null, errors: [] } },
    RestAddContactAddress: payload('addContactAddress'),
    RestUpdateContactAddress: payload('updateContactAddress'),
    RestRemoveContactAddress: payload('removeContactAddress'),
    RestAuthenticateUser: { authenticateUser: { tokens: TOKENS, errors: [] } },
    RestRefreshSession: { refreshSession: { tokens: TOKENS, errors: [] } },
    RestSwitchOrganisation: { switchOrganisation: { tokens: TOKENS, errors: [] } },
    RestSignOut: { signOut: { signedOut: true, errors: [] } },
    RestVerifyCredentials: { __typename: 'Query' },
    RestRegisterContact: { registerContact: contactAuth(CONTACT_TOKENS) },
    RestAuthenticateContact: { authenticateContact: contactAuth(CONTACT_TOKENS) },
    RestAuthenticateContactExternal: { authenticateContactExternal: contactAuth(CONTACT_TOKENS) },
    RestOidcAuthorizationUrl: { oidcAuthorizationUrl: { authorizationUrl: 'https://idp.example/auth?state=s', errors: [] } },
    RestRequestContactOtp: { requestContactOtp: { ...contactAuth(null, true), contactId: null } },
    RestValidateContactOtp: { validateContactOtp: contactAuth(CONTACT_TOKENS) },
    RestRequestContactPasswordReset: { requestContactPasswordReset: ok },
    RestResetContactPassword: { resetContactPassword: ok },
    RestRequestUserPasswordReset: { requestUserPasswordReset: ok },
    RestResetUserPassword: { resetUserPassword: ok },
    RestChangeContactPassword: { changeContactPassword: ok },
    RestRequestContactEmailVerification: { requestContactEmailVerification: ok },
    RestVerifyContactEmail: { verifyContactEmail: ok },
    RestAddContactIdentity: { addContactIdentity: ok },
    RestContactIdentityExists: { contactIdentityExists: true },
    RestListUsers: { users: [BO_USER], next: [{ id: BO_USER.id }] },
    RestGetUser: { user: BO_USER },
    RestListRoles: { roles: [{ id: ROLE_ID, name: 'owner', permissions: ['users.read'], builtIn: true }] },
    RestCreateUser: { createUser: { user: { id: USER_ID }, errors: [] } },
    RestUpdateUser: { updateUser: { user: { id: USER_ID }, errors: [] } },
    RestDisableUser: { disableUser: { user: { id: USER_ID }, errors: [] } },
    RestCreateRole: { createRole: { role: { id: ROLE_ID }, errors: [] } },
    RestUpdateRole: { updateRole: { role: { id: ROLE_ID }, errors: [] } },
    RestDeleteRole: { deleteRole: { id: ROLE_ID, errors: [] } },
    RestListTeams: { teams: [TEAM] },
    RestGetTeam: { team: TEAM },
    RestCreateTeam: { createTeam: { team: { id: TEAM.id }, errors: [] } },
    RestUpdateTeam: { updateTeam: { team: { id: TEAM.id }, errors: [] } },
    RestDeleteTeam: { deleteTeam: { id: TEAM.id, errors: [] } },
    RestListApiKeys: { apiKeys: [API_KEY, { ...API_KEY, kind: 'public', roleId: null, expiresAt: null }] },
    RestCreateApiKey: { createApiKey: ISSUED },
    RestRotateApiKey: { rotateApiKey: ISSUED },
    RestRevokeApiKey: { revokeApiKey: { revoked: true, errors: [] } },
    RestListOrganisations: { organisations: [ORG, { ...ORG, id: ROLE_ID, parentId: USER_ID, type: 'MERCHANT' }] },
    RestGetContactSummary: { contact: { id: contact.id, type: 'PERSON', firstName: 'Ann', lastName: 'Lee', companyName: null } },
  };

  async function check(method: string, template: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<number> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...json, ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const op = (doc['paths'] as Json)[template]?.[method.toLowerCase()] as Json | undefined;
    assert.ok(op, `${method} ${template} is documented`);
    const response = op['responses'][String(res.status)] as Json | undefined;
    assert.ok(response, `${method} ${path}: status ${res.status} is documented (${text})`);
    const schema = deref(response)['content']?.['application/json']?.schema as Json | undefined;
    if (!schema) {
      assert.equal(text, '', `${method} ${path}: no body documented`);
      return res.status;
    }
    const validate = ajv.compile({ $ref: `openapi.json${schema['$ref']}` });
    assert.ok(validate(JSON.parse(text)), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)} ${text}`);
    return res.status;
  }

  it('success responses of every route', async () => {
    respond = (call) => ({ status: 200, body: { data: DATA[call.operationName ?? ''] as Record<string, unknown> }, headers: {} });
    const id = contact.id;
    assert.equal(await check('GET', '/backoffice/v2/contacts', '/backoffice/v2/contacts?include_total=true'), 200);
    assert.equal(await check('POST', '/backoffice/v2/contacts', '/backoffice/v2/contacts', { contact_type: 'PERSON', first_name: 'A' }), 201);
    assert.equal(await check('GET', '/backoffice/v2/contacts/{id}', `/backoffice/v2/contacts/${id}`), 200);
    assert.equal(await check('PUT', '/backoffice/v2/contacts/{id}', `/backoffice/v2/contacts/${id}`, { first_name: 'B' }), 200);
    assert.equal(await check('DELETE', '/backoffice/v2/contacts/{id}', `/backoffice/v2/contacts/${id}`), 200);
    assert.equal(await check('PUT', '/backoffice/v2/contacts/{id}/tags', `/backoffice/v2/contacts/${id}/tags`, { tags: ['vip'] }), 200);
    assert.equal(await check('GET', '/self-service/v2/contacts/{id}', `/self-service/v2/contacts/${id}`), 200);
    assert.equal(await check('PUT', '/self-service/v2/contacts/{id}', `/self-service/v2/contacts/${id}`, { phone: { type: 'MOBILE' } }), 200);
    assert.equal(await check('DELETE', '/self-service/v2/contacts/{id}', `/self-service/v2/contacts/${id}`), 200);
    assert.equal(await check('GET', '/self-service/v2/contacts/{id}/addresses', `/self-service/v2/contacts/${id}/addresses`), 200);
    const addresses = '/self-service/v2/contacts/{id}/addresses';
    assert.equal(await check('POST', addresses, `/self-service/v2/contacts/${id}/addresses`, { type: 'HOME', address_line_1: '1 Road' }), 201);
    assert.equal(
      await check('PUT', `${addresses}/{address_id}`, `/self-service/v2/contacts/${id}/addresses/a1`, { type: 'HOME', address_line_1: '1 Road' }),
      200,
    );
    assert.equal(await check('DELETE', `${addresses}/{address_id}`, `/self-service/v2/contacts/${id}/addresses/a1`), 200);

    assert.equal(await check('GET', '/backoffice/v2/users', '/backoffice/v2/users?page=2&size=1'), 200);
    assert.equal(await check('GET', '/backoffice/v2/users/{id}', `/backoffice/v2/users/${USER_ID}`), 200);
    assert.equal(await check('GET', '/backoffice/v2/user_roles', '/backoffice/v2/user_roles'), 200);
    assert.equal(
      await check('POST', '/backoffice/v2/users', '/backoffice/v2/users', {
        email: 'a@b.co',
        password: 'Long-Password-2',
        user_roles: [ROLE_ID],
        teams: [TEAM.id],
      }),
      201,
    );
    assert.equal(await check('PUT', '/backoffice/v2/users/{id}', `/backoffice/v2/users/${USER_ID}`, { first_name: null, teams: [] }), 200);
    assert.equal(await check('DELETE', '/backoffice/v2/users/{id}', `/backoffice/v2/users/${USER_ID}`), 204);
    const roles = '/backoffice/v2/user_roles';
    assert.equal(await check('POST', roles, roles, { name: 'Support', permissions: ['contacts.read'] }), 201);
    assert.equal(await check('GET', `${roles}/{id}`, `${roles}/${ROLE_ID}`), 200);
    assert.equal(await check('PUT', `${roles}/{id}`, `${roles}/${ROLE_ID}`, { name: 'Support 2' }), 200);
    assert.equal(await check('DELETE', `${roles}/{id}`, `${roles}/${ROLE_ID}`), 204);
    const teams = '/backoffice/v2/teams';
    assert.equal(await check('GET', teams, teams), 200);
    assert.equal(await check('POST', teams, teams, { name: 'Ops' }), 201);
    assert.equal(await check('GET', `${teams}/{id}`, `${teams}/${TEAM.id}`), 200);
    assert.equal(await check('PUT', `${teams}/{id}`, `${teams}/${TEAM.id}`, { name: 'Ops 2' }), 200);
    assert.equal(await check('DELETE', `${teams}/{id}`, `${teams}/${TEAM.id}`), 204);
    const keys = '/backoffice/v2/api_keys';
    assert.equal(await check('GET', keys, keys), 200);
    assert.equal(
      await check('POST', keys, keys, { application_id: USER_ID, name: 'ci', role_id: ROLE_ID, mode: 'test', expiration_date: 1_900_000_000 }),
      201,
    );
    assert.equal(await check('POST', `${keys}/{id}/rotate`, `${keys}/${KEY_ID}/rotate`, { old_key_expiration_date: 1_900_000_000 }), 201);
    assert.equal(await check('DELETE', `${keys}/{id}`, `${keys}/${KEY_ID}`), 204);
    assert.equal(await check('GET', '/backoffice/v2/organisations', '/backoffice/v2/organisations'), 200);
    assert.equal(await check('GET', '/backoffice/v2/organisations/{id}', `/backoffice/v2/organisations/${USER_ID}`), 200);

    const key = { api_key: PUBLIC_KEY };
    const user = { authorization: `Bearer ${USER_TOKEN}` };
    const users = '/backoffice/v2/users';
    assert.equal(
      await check('POST', `${users}/authenticate`, `${users}/authenticate`, { provider: 'EMAIL', username: 'a@b.co', password: 'pw' }, key),
      200,
    );
    assert.equal(await check('POST', `${users}/refresh`, `${users}/refresh`, undefined, { ...key, authorization: 'Bearer crm_rt_x' }), 200);
    assert.equal(await check('POST', `${users}/refresh`, `${users}/refresh`, undefined, { authorization: 'Bearer crm_rt_x' }), 200);
    assert.equal(await check('POST', `${users}/forgot_password`, `${users}/forgot_password`, { email: 'a@b.co' }, key), 204);
    assert.equal(
      await check('POST', `${users}/change_password`, `${users}/change_password`, { token: 'crm_pr_x', password: 'Long-Password-2' }, key),
      204,
    );
    assert.equal(await check('POST', `${users}/{id}/sign_out`, `${users}/${USER_ID}/sign_out`, undefined, user), 204);
    const sw = '/backoffice/v2/organisations/switch/{id}';
    assert.equal(await check('POST', sw, `/backoffice/v2/organisations/switch/${USER_ID}`, undefined, user), 200);

    const ss = '/self-service/v2/contacts';
    // a contact session's refresh answers contact tokens (a back-office pair is refused on this route)
    const data: Record<string, unknown> = { ...DATA, RestRefreshSession: { refreshSession: { tokens: CONTACT_TOKENS, errors: [] } } };
    respond = (call) => ({ status: 200, body: { data: data[call.operationName ?? ''] as Record<string, unknown> }, headers: {} });
    const me = { ...key, authorization: `Bearer ${CONTACT_TOKEN}` };
    const reg = { first_name: 'Ann', last_name: 'Lee', identification: { provider: 'EMAIL', email: 'a@b.co', password: 'Long-Password-1' } };
    assert.equal(await check('GET', ss, `${ss}?email_address=a@b.co`, undefined, key), 200);
    assert.equal(await check('POST', `${ss}/register`, `${ss}/register`, reg, key), 201);
    assert.equal(
      await check('POST', `${ss}/authenticate`, `${ss}/authenticate`, { provider: 'EMAIL', username: 'a@b.co', password: 'pw' }, key),
      200,
    );
    const google = { provider: 'GOOGLE', code: 'c0de', state: 'st4te-st4te-st4te' };
    assert.equal(await check('POST', `${ss}/authenticate`, `${ss}/authenticate`, google, key), 200);
    assert.equal(
      await check('POST', `${ss}/authenticate`, `${ss}/authenticate`, { provider: 'FACEBOOK', token: 'fb', application_id: '42' }, key),
      200,
    );
    assert.equal(await check('GET', `${ss}/oidc/{type}`, `${ss}/oidc/google?redirect_url=https%3A%2F%2Fapp.example%2Fcb`, undefined, key), 200);
    assert.equal(await check('POST', `${ss}/otp`, `${ss}/otp`, { method: 'SMS', credentials: [{ name: 'PHONE', value: 'CYP:99100200' }] }, key), 200);
    const validate = { auth_otp: 'b5a1f4de-6f0e-4c1e-9f57-2b8f1d6c7a10', code: '123456' };
    assert.equal(await check('POST', `${ss}/validate_otp`, `${ss}/validate_otp`, validate, key), 200);
    assert.equal(await check('POST', `${ss}/refresh`, `${ss}/refresh`, undefined, { ...key, authorization: 'Bearer crm_rt_c' }), 200);
    assert.equal(await check('POST', `${ss}/refresh`, `${ss}/refresh`, undefined, { authorization: 'Bearer crm_rt_c' }), 200);
    assert.equal(await check('POST', `${ss}/forgot_password`, `${ss}/forgot_password`, { username: 'a@b.co' }, key), 204);
    assert.equal(await check('POST', `${ss}/change_password`, `${ss}/change_password`, { token: 'crm_pr_x', password: 'Long-Password-2' }, key), 204);
    assert.equal(await check('POST', `${ss}/request_email_verification`, `${ss}/request_email_verification`, { email_address: 'a@b.co' }, key), 204);
    assert.equal(await check('GET', `${ss}/verify_email`, `${ss}/verify_email?token=crm_ev_x`, undefined, key), 200);
    assert.equal(await check('POST', `${ss}/{id}/sign_out`, `${ss}/${id}/sign_out`, undefined, me), 204);
    assert.equal(
      await check('POST', `${ss}/{id}/change_password`, `${ss}/${id}/change_password`, { password: 'Long-Password-3', current_password: 'x' }, me),
      204,
    );
    assert.equal(
      await check(
        'POST',
        `${ss}/{id}/identities`,
        `${ss}/${id}/identities`,
        { provider: 'PHONE', phone: { number: '99100200', country_code: 'CYP' } },
        me,
      ),
      201,
    );
  });

  it('error responses', async () => {
    respond = () => ({ status: 200, body: { data: { contact: null } }, headers: {} });
    assert.equal(await check('GET', '/self-service/v2/contacts/{id}', '/self-service/v2/contacts/nobody'), 404);
    assert.equal(await check('GET', '/backoffice/v2/contacts', '/backoffice/v2/contacts?size=101'), 400);
    assert.equal(await check('POST', '/backoffice/v2/contacts', '/backoffice/v2/contacts', { contact_type: 'PERSON', shoe: 1 }), 400);
    respond = () => ({
      status: 429,
      body: { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] },
      headers: { 'retry-after': '3' },
    });
    assert.equal(await check('GET', '/backoffice/v2/contacts/{id}', '/backoffice/v2/contacts/abc'), 429);
    respond = () => {
      throw new Error('down');
    };
    assert.equal(await check('GET', '/backoffice/v2/contacts/{id}', '/backoffice/v2/contacts/abc'), 503);

    const key = { api_key: PUBLIC_KEY };
    const login = { username: 'a@b.co', password: 'pw' };
    respond = () => ({
      status: 200,
      body: {
        data: null,
        errors: [{ message: 'the username or password is not correct', extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_LOGIN' } }],
      },
      headers: {},
    });
    assert.equal(await check('POST', '/backoffice/v2/users/authenticate', '/backoffice/v2/users/authenticate', login, key), 401);
    respond = () => ({
      status: 200,
      body: {
        data: null,
        errors: [{ message: 'too many attempts; try again in 900 seconds', extensions: { code: 'RATE_LIMITED', reason: 'TOO_MANY_ATTEMPTS' } }],
      },
      headers: {},
    });
    assert.equal(await check('POST', '/backoffice/v2/users/authenticate', '/backoffice/v2/users/authenticate', login, key), 429);
    respond = () => ({ status: 200, body: { data: { user: null } }, headers: {} });
    assert.equal(await check('GET', '/backoffice/v2/users/{id}', `/backoffice/v2/users/${USER_ID}`), 404);
    assert.equal(await check('GET', '/backoffice/v2/users', '/backoffice/v2/users?teams=x'), 400);
    respond = () => ({
      status: 200,
      body: {
        data: {
          switchOrganisation: {
            tokens: null,
            errors: [{ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND', field: null, message: 'organisation x was not found' }],
          },
        },
      },
      headers: {},
    });
    const sw = '/backoffice/v2/organisations/switch/{id}';
    assert.equal(
      await check('POST', sw, `/backoffice/v2/organisations/switch/${USER_ID}`, undefined, { authorization: `Bearer ${USER_TOKEN}` }),
      404,
    );
    assert.equal(await check('POST', '/backoffice/v2/users/refresh', '/backoffice/v2/users/refresh', undefined, key), 401);

    const ss = '/self-service/v2/contacts';
    respond = () => ({
      status: 200,
      body: { data: null, errors: [{ message: 'the code is not correct', extensions: { code: 'UNAUTHENTICATED', reason: 'OTP_INVALID' } }] },
      headers: {},
    });
    const validate = { auth_otp: 'b5a1f4de-6f0e-4c1e-9f57-2b8f1d6c7a10', code: '123456' };
    assert.equal(await check('POST', `${ss}/validate_otp`, `${ss}/validate_otp`, validate, key), 401);
    const userError = (field: string, code: string, reason: string) => ({
      status: 200,
      body: {
        data: {
          [field]: {
            contactId: null,
            tokens: null,
            isVerified: false,
            authOtp: null,
            obfuscatedValue: null,
            consistencyToken: null,
            errors: [{ code, reason, field: null, message: 'no' }],
          },
        },
      },
      headers: {},
    });
    respond = () => userError('registerContact', 'CONFLICT', 'CONTACT_EXISTS');
    const reg = { first_name: 'A', last_name: 'B', identification: { phone_number: '99100200', country_code: 'CYP' } };
    assert.equal(await check('POST', `${ss}/register`, `${ss}/register`, reg, key), 409);
    respond = () => userError('requestContactOtp', 'NOT_FOUND', 'CONTACT_NOT_FOUND');
    assert.equal(await check('POST', `${ss}/otp`, `${ss}/otp`, { credentials: [{ name: 'EMAIL', value: 'a@b.co' }] }, key), 404);
    assert.equal(await check('GET', ss, `${ss}?phone=99100200`, undefined, key), 400);
    assert.equal(await check('GET', `${ss}/oidc/{type}`, `${ss}/oidc/google`, undefined, key), 400);
    assert.equal(await check('POST', `${ss}/authenticate`, `${ss}/authenticate`, { provider: 'APPLE', token: 't' }, key), 400);
  });
});
