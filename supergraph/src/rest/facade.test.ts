import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { MemoryCache } from '@crm/platform/cache';
import { createRestFacade } from './index';
import type { GraphQLCall, GraphQLResult } from './kit/gateway-client';
import { sampleContact } from './domains/contacts/fixtures';
import { API_FAMILY_HEADER, apiFamilyOf } from './kit/context';
import { API_FAMILY_HEADER as GATEWAY_API_FAMILY_HEADER } from '../gateway/credentials';

/**
 * The facade's HTTP behaviour against a stub gateway client (no gateway, no subgraphs): routing,
 * 404/405/413/415, headers passed on, read-your-writes tokens, and error translation.
 */
describe('REST facade with a stub gateway', () => {
  const calls: GraphQLCall[] = [];
  let respond: (call: GraphQLCall) => GraphQLResult = () => ({ status: 200, body: { data: null }, headers: {} });
  let server: Server;
  let base: string;

  before(async () => {
    const handler = createRestFacade({
      client: {
        async execute(call) {
          calls.push(call);
          return respond(call);
        },
      },
      cache: new MemoryCache(),
      logger: pino({ level: 'silent' }),
      maxBodyBytes: 2048,
    });
    server = createServer((req, res) => {
      res.setHeader('x-correlation-id', 'corr-1');
      void handler(req, res).then((handled) => {
        if (!handled) {
          res.writeHead(418);
          res.end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const send = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  };
  const json = { 'content-type': 'application/json' };

  it('leaves other paths to the gateway', async () => {
    assert.equal((await send('GET', '/graphql')).status, 418);
    assert.equal((await send('GET', '/backoffice/v2/accounts')).status, 418);
  });

  it('answers unknown methods with 405 and Allow', async () => {
    const r = await send('PATCH', '/backoffice/v2/contacts/abc');
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'GET, PUT, DELETE');
    assert.equal(r.json?.['error'], 'CRM.EXCEPTIONS.METHODNOTALLOWEDEXCEPTION');
  });

  it('refuses bad bodies before calling the gateway', async () => {
    calls.length = 0;
    assert.equal((await send('POST', '/backoffice/v2/contacts', '{"contact_type":"PERSON"}', { 'content-type': 'text/plain' })).status, 415);
    assert.equal((await send('POST', '/backoffice/v2/contacts', JSON.stringify({ first_name: 'x'.repeat(3000) }), json)).status, 413);
    const empty = await send('POST', '/backoffice/v2/contacts', '', json);
    assert.equal(empty.status, 400);
    const proto = await send('POST', '/backoffice/v2/contacts', '{"__proto__":{"x":1}}', json);
    assert.equal(proto.status, 400);
    assert.equal(proto.json?.['field'], '__proto__');
    const unknown = await send('POST', '/backoffice/v2/contacts', '{"contact_type":"PERSON","shoe":1}', json);
    assert.deepEqual(unknown.json, {
      error: 'CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION',
      message: 'shoe: is not a known field',
      field: 'shoe',
      correlation_id: 'corr-1',
    });
    assert.equal((await send('GET', `/backoffice/v2/contacts/${'x'.repeat(101)}`)).status, 400);
    assert.equal((await send('GET', '/backoffice/v2/contacts/abc?x=1')).status, 400);
    assert.equal(calls.length, 0);
  });

  it('passes caller headers on, remembers consistency tokens and sends them on later reads', async () => {
    calls.length = 0;
    const token = 'contact:0df9936c-7d5f-a878-4c05-9b942aa14295:4';
    respond = (call) =>
      call.operationName === 'RestUpdateContact'
        ? {
            status: 200,
            body: { data: { updateContact: { contact: { id: sampleContact().id }, consistencyToken: token, errors: [] } } },
            headers: {},
          }
        : { status: 200, body: { data: { contact: sampleContact() } }, headers: {} };
    const me = { 'x-dev-principal': 'user', 'x-dev-tenant': 't1', api_key: 'k1', 'x-request-id': 'req-9' };
    const put = await send('PUT', '/backoffice/v2/contacts/0DF9936C7D5FA8784C059B942AA14295', '{"first_name":"Bo"}', { ...json, ...me });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.json, { id: sampleContact().id });
    assert.deepEqual(calls[0]?.variables, { id: '0df9936c-7d5f-a878-4c05-9b942aa14295', input: { firstName: 'Bo' } });
    assert.equal(calls[0]?.headers['api_key'], 'k1');
    assert.equal(calls[0]?.headers['x-request-id'], 'req-9');
    assert.equal(calls[0]?.headers['x-correlation-id'], 'corr-1');

    const get = await send('GET', `/backoffice/v2/contacts/${sampleContact().id}`, undefined, me);
    assert.equal(get.status, 200);
    assert.equal(calls[1]?.headers['x-consistency-token'], token);
    // another caller does not get my tokens
    await send('GET', `/backoffice/v2/contacts/${sampleContact().id}`, undefined, { ...me, api_key: 'k2' });
    assert.equal(calls[2]?.headers['x-consistency-token'], undefined);
  });

  it('translates payload errors and top-level errors', async () => {
    respond = () => ({
      status: 200,
      body: {
        data: {
          createContact: {
            contact: null,
            consistencyToken: null,
            errors: [{ code: 'VALIDATION', reason: 'INVALID_COUNTRY', field: 'phones.0.countryCode', message: 'phones.0.countryCode: bad' }],
          },
        },
      },
      headers: {},
    });
    const r = await send('POST', '/backoffice/v2/contacts', JSON.stringify({ contact_type: 'PERSON', first_name: 'A' }), json);
    assert.equal(r.status, 400);
    assert.equal(r.json?.['field'], 'phones.0.country_code');
    assert.equal(r.json?.['message'], 'phones.0.country_code: bad');

    respond = () => ({
      status: 200,
      body: { data: { contact: null }, errors: [{ message: 'nope', extensions: { code: 'FORBIDDEN' } }] },
      headers: {},
    });
    assert.equal((await send('GET', '/self-service/v2/contacts/abc')).status, 403);
    respond = () => ({ status: 401, body: { errors: [{ message: 'who are you', extensions: { code: 'UNAUTHENTICATED' } }] }, headers: {} });
    assert.equal((await send('GET', '/self-service/v2/contacts/abc')).status, 401);
    respond = () => ({ status: 200, body: { data: { contact: null } }, headers: {} });
    const missing = await send('GET', '/self-service/v2/contacts/abc');
    assert.equal(missing.status, 404);
    assert.equal(missing.json?.['error'], 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION');
    respond = () => {
      throw new Error('socket hang up');
    };
    const down = await send('GET', '/self-service/v2/contacts/abc');
    assert.equal(down.status, 503);
    assert.ok(!down.text.includes('socket'));
  });

  it('tells the gateway the API family of the route, overriding whatever the caller claims', async () => {
    assert.equal(API_FAMILY_HEADER, GATEWAY_API_FAMILY_HEADER);
    respond = () => ({ status: 200, body: { data: { contact: sampleContact() } }, headers: {} });
    calls.length = 0;
    const id = sampleContact().id;
    await send('GET', `/backoffice/v2/contacts/${id}`, undefined, { 'x-crm-api-family': 'self-service' });
    await send('GET', `/self-service/v2/contacts/${id}`, undefined, { 'x-crm-api-family': 'backoffice' });
    await send('GET', `/self-service/v2/contacts/${id}`);
    assert.deepEqual(
      calls.map((c) => c.headers[API_FAMILY_HEADER]),
      ['backoffice', 'self-service', 'self-service'],
    );
    assert.equal(apiFamilyOf('/backoffice/v2/users/refresh'), 'backoffice');
    assert.equal(apiFamilyOf('/self-service/v2/contacts/x'), 'self-service');
    assert.equal(apiFamilyOf('/graphql'), null);
  });

  it('lists with the paging envelope', async () => {
    respond = () => ({
      status: 200,
      body: { data: { contacts: { nodes: [sampleContact()], pageInfo: { hasNextPage: true }, totalCount: null } } },
      headers: {},
    });
    calls.length = 0;
    const r = await send('GET', '/backoffice/v2/contacts?page=2&size=1&sort=NAME&order=ASC');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json?.['paging'], { page: 2, size: 1, has_more: true });
    assert.equal(r.json?.['content'].length, 1);
    assert.deepEqual(calls[0]?.variables, { filter: {}, sort: { field: 'NAME', direction: 'ASC' }, first: 1, offset: 1, includeTotal: false });
  });
});
