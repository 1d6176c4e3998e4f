/**
 * A deterministic corpus of hostile requests for the public origin (GraphQL at /graphql and the
 * REST facade): malformed syntax, huge strings, deep nesting, alias/token/directive floods, wrong
 * types, invalid UTF-8, wrong content types, prototype keys, oversized bodies, header abuse, bad
 * methods and query strings, traversal-ish ids and malformed HTTP. Same seed → same requests.
 */

/** Who sends a request; the test fills in the real credentials. */
export type Caller = 'anonymous' | 'public' | 'secret' | 'bearer';

export interface HostileRequest {
  /** What the request tries, e.g. `graphql:alias-flood` (for the test's report). */
  kind: string;
  caller: Caller;
  method: string;
  /** Path and query string as they go on the wire (may hold bytes that are not valid UTF-8). */
  path: string;
  /** Header values are sent as latin-1 bytes; arrays repeat the header. */
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Send the body chunked (no content-length). */
  chunked?: boolean;
  /** Malformed HTTP sent verbatim over a socket (method, path, headers and body are unused). */
  raw?: Buffer;
}

/** mulberry32: a small seeded PRNG, good enough to spread a test corpus. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Random text from `alphabet`; past 512 characters a random block repeats (cheap huge strings). */
  text(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'): string {
    let out = '';
    for (let i = 0; i < Math.min(length, 512); i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return length <= 512 ? out : out.repeat(Math.ceil(length / 512)).slice(0, length);
  }
  bytes(length: number): Buffer {
    const b = Buffer.alloc(length);
    for (let i = 0; i < length; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
}

const CALLERS: readonly Caller[] = ['anonymous', 'public', 'secret', 'bearer'];
const JSON_HEADERS = { 'content-type': 'application/json' };
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

/** Strings a hostile client likes to send where an id, a name or a number belongs. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '😀'.repeat(50),
  '\ud800',
  '\udfff\ud800',
  "' OR 1=1 --",
  "'; DROP TABLE contacts; --",
  '"; SELECT pg_sleep(10); --',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%s%s%s%n',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x7fffffff',
  '__proto__',
  'constructor',
  'prototype',
  '\r\nX-Injected: 1',
  '\ufeff',
  'A'.repeat(5000),
];

const NASTY_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2147483648,
  -2147483649,
  1e308,
  Number.MAX_SAFE_INTEGER,
  [],
  {},
  [null],
  [[[]]],
  { __proto__: null, a: 1 },
  ...NASTY_STRINGS,
];

const GRAPHQL_DOCUMENTS = [
  '{ contacts(first: 5) { nodes { id displayName } pageInfo { hasNextPage } } }',
  'query One($id: ID!) { contact(id: $id) { id displayName addresses { id } tags } }',
  'query Page($first: Int, $after: String, $filter: ContactFilter) { contacts(first: $first, after: $after, filter: $filter) { totalCount nodes { id } } }',
  'mutation Create($input: CreateContactInput!) { createContact(input: $input) { contact { id } consistencyToken errors { code field } } }',
  'mutation Tags($id: ID!, $tags: [String!]!) { setContactTags(id: $id, tags: $tags) { contact { id tags } errors { code } } }',
  'mutation Login($input: AuthenticateUserInput!) { authenticateUser(input: $input) { tokens { accessToken } errors { code } } }',
  'mutation Refresh($t: String!) { refreshSession(refreshToken: $t) { tokens { accessToken } errors { code } } }',
  'query Exists($email: String, $phoneNumber: String) { contactIdentityExists(email: $email, phoneNumber: $phoneNumber) }',
  '{ me { id email roles { id name } } users(first: 3) { id email } roles { id permissions } apiKeys { id masked } organisations { __typename } }',
  'query User($id: ID!) { user(id: $id) { id email status } }',
  'mutation Address($contactId: ID!, $input: AddressInput!) { addContactAddress(contactId: $contactId, input: $input) { errors { code field } } }',
  'mutation Unregister($id: ID!) { unregisterContact(id: $id) { errors { code } } }',
  '{ __typename }',
  '{ __schema { queryType { name } } }',
  '{ __type(name: "Contact") { fields { name } } }',
];

/** Variables of the right names with values of the wrong types or shapes. */
function hostileVariables(rng: Rng): unknown {
  const v = () => rng.pick(NASTY_VALUES);
  switch (rng.int(0, 9)) {
    case 0:
      return { id: v(), first: v(), after: v(), filter: v() };
    case 1:
      return {
        input: { firstName: v(), lastName: v(), type: rng.pick(['PERSON', 'COMPANY', 'ROBOT', 1, null]), email: v(), phones: v(), demographics: v() },
      };
    case 2:
      return { id: v(), tags: rng.chance(0.5) ? Array.from({ length: rng.int(0, 500) }, () => rng.text(rng.int(0, 100))) : v() };
    case 3:
      return { input: { username: v(), password: v(), extra: v() } };
    case 4:
      return { first: rng.pick([0, -5, 101, 1e9, 1.5, '10', 'ten', true]), filter: { search: v(), createdFrom: v(), tags: v(), type: v() } };
    case 5:
      return JSON.parse('{"id":"x","__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}}}') as unknown;
    case 6:
      return { contactId: v(), input: { type: rng.pick(['HOME', 'BILLING', 'MOON', 5]), lat: v(), lon: v(), countryCode: v() } };
    case 7:
      return rng.pick(['a string', 42, [1, 2], true]);
    case 8:
      return { t: rng.text(rng.int(0, 20_000)), email: v(), phoneNumber: v() };
    default:
      return { id: `${rng.pick(NASTY_STRINGS)}${rng.text(rng.int(0, 40))}` };
  }
}

/** A document broken in a random place. */
function brokenDocument(rng: Rng): string {
  const doc = rng.pick(GRAPHQL_DOCUMENTS);
  const at = rng.int(0, doc.length);
  switch (rng.int(0, 5)) {
    case 0:
      return doc.slice(0, at);
    case 1:
      return `${doc.slice(0, at)}${rng.text(rng.int(1, 4), '{}()[]:$@!.,"#=|&\\')}${doc.slice(at)}`;
    case 2:
      return doc.replace(/[{}]/g, () => (rng.chance(0.2) ? '' : rng.pick(['{', '}'])));
    case 3:
      return `${doc} ${doc}`;
    case 4:
      return `${'\ufeff'}${doc}\u0000`;
    default:
      return rng.text(rng.int(1, 200), 'query mutation subscription fragment on { } ( ) : $ @ ! " ... \n\t');
  }
}

function nested(depth: number, open: string, leaf: string, close: string): string {
  return `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;
}

type GraphqlPart = Omit<HostileRequest, 'caller'>;

function postGraphql(kind: string, body: Buffer, headers: Record<string, string | string[]> = JSON_HEADERS): GraphqlPart {
  return { kind, method: 'POST', path: '/graphql', headers, body };
}

const postQuery = (kind: string, query: string, variables?: unknown) =>
  postGraphql(kind, json(variables === undefined ? { query } : { query, variables }));

const GRAPHQL_GENERATORS: readonly ((rng: Rng) => GraphqlPart)[] = [
  (rng) => postQuery('graphql:syntax-error', brokenDocument(rng)),
  (rng) => {
    // strings from a few KB up to past the body limit
    const size = rng.pick([1_000, 20_000, 120_000, 250_000, 300_000, 600_000]);
    return postQuery('graphql:huge-string', `{ contact(id: "${rng.text(size)}") { id } }`);
  },
  (rng) => {
    const depth = rng.int(11, 400);
    const shape = rng.int(0, 3);
    if (shape === 0) return postQuery('graphql:deep-nesting', `{ ${nested(depth, 'contacts { nodes { addresses { ', 'id', ' } } } ')} }`);
    if (shape === 1) return postQuery('graphql:deep-nesting', `{ ${nested(depth, 'a { ', 'b', '} ')} }`);
    if (shape === 2)
      return postQuery('graphql:deep-nesting', `{ __schema { types { ${nested(depth, 'fields { type { ofType { ', 'name', '} } } ')} } } }`);
    return postQuery(
      'graphql:deep-nesting',
      `query($f: ContactFilter) { contacts(filter: ${nested(depth, '{ search: ', '"x"', ' }')}) { totalCount } }`,
    );
  },
  (rng) => {
    // deeply nested JSON variables: coercion must not blow the stack
    const depth = rng.pick([100, 2_000, 20_000]);
    const body = `{"query":"mutation($id: ID!, $tags: [String!]!) { setContactTags(id: $id, tags: $tags) { errors { code } } }","variables":{"id":"x","tags":${nested(depth, '[', '"t"', ']')}}}`;
    return postGraphql('graphql:deep-json', Buffer.from(body));
  },
  (rng) => {
    const n = rng.int(16, 600);
    const field = rng.pick([
      '__typename',
      'contact(id: "x") { id }',
      'me { id }',
      'authenticateUser(input: { username: "a", password: "b" }) { errors { code } }',
    ]);
    const op = field.startsWith('authenticate') ? 'mutation ' : '';
    return postQuery('graphql:alias-flood', `${op}{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`);
  },
  (rng) =>
    postQuery(
      'graphql:token-flood',
      `{ ${Array.from({ length: rng.int(2_001, 12_000) }, () => rng.pick(['__typename', 'a', 'b', ','])).join(' ')} }`,
    ),
  (rng) => postQuery('graphql:directive-flood', `{ __typename ${'@include(if: true) '.repeat(rng.int(51, 1000))}}`),
  (rng) => {
    // a fragment "billion laughs": each level spreads the previous twice
    const levels = rng.int(10, 40);
    const frags = Array.from({ length: levels }, (_, i) =>
      i === 0 ? 'fragment F0 on Query { __typename contacts { totalCount } }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
    );
    const cyclic = rng.chance(0.3) ? ' fragment C1 on Query { ...C2 } fragment C2 on Query { ...C1 }' : '';
    return postQuery('graphql:fragment-bomb', `{ ...F${levels - 1} ${cyclic ? '...C1' : ''} } ${frags.join(' ')}${cyclic}`);
  },
  (rng) => postQuery('graphql:wrong-types', rng.pick(GRAPHQL_DOCUMENTS), hostileVariables(rng)),
  (rng) => {
    const literal = JSON.stringify(rng.pick(NASTY_STRINGS));
    return postQuery(
      'graphql:wrong-literals',
      rng.pick([
        `{ contacts(first: ${rng.pick(['"10"', '1.5', '99999999999999', '-1', 'null', 'true', '[1]', '{a: 1}'])}) { totalCount } }`,
        `{ contact(id: ${literal}) { id } }`,
        `{ contact(id: ${rng.pick(['1', '1.5', 'true', 'null', '[]', '{}', 'ENUM'])}) { id } }`,
        `mutation { createContact(input: { type: ${rng.pick(['ROBOT', '"PERSON"', '1', 'null'])}, firstName: ${literal} }) { errors { code } } }`,
        `{ contacts(filter: { createdFrom: ${literal}, tags: ${literal} }) { totalCount } }`,
        `{ contacts(sort: { field: ${rng.pick(['NOPE', '"CREATED_AT"', 'null'])} }) { totalCount } }`,
      ]),
    );
  },
  (rng) => {
    // invalid UTF-8 inside the JSON text and inside the document
    const prefix = Buffer.from('{"query":"{ contact(id: \\"');
    const junk = rng.pick([
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
      Buffer.concat([Buffer.from([0xff]), rng.bytes(rng.int(0, 63))]),
    ]);
    return postGraphql('graphql:invalid-utf8', Buffer.concat([prefix, junk, Buffer.from('\\") { id } }"}')]));
  },
  (rng) => {
    const type = rng.pick([
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/graphql',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      ';;;',
      'application/',
      '*/*',
      'application/json, text/plain',
      'application/vnd.evil+json',
      'text/html; charset=\u00ff',
    ]);
    const body = rng.chance(0.5) ? json({ query: '{ __typename }' }) : Buffer.from('query=%7B__typename%7D');
    return postGraphql('graphql:content-type', body, { 'content-type': type });
  },
  (rng) => postGraphql('graphql:no-content-type', json({ query: rng.pick(GRAPHQL_DOCUMENTS) }), {}),
  (rng) => {
    const bodies = [
      '{"query":"{ __typename }","__proto__":{"polluted":true}}',
      '{"query":"{ __typename }","constructor":{"prototype":{"polluted":true}}}',
      '{"query":"query($id: ID!) { contact(id: $id) { id } }","variables":{"id":"x","__proto__":{"id":"y"}}}',
      '{"query":"{ __typename }","variables":{"\\u005f\\u005fproto__":{"a":1}}}',
      '{"query":"{ __typename }","extensions":{"__proto__":{"persistedQuery":{"version":1}}}}',
      '{"__proto__":{"query":"{ __typename }"}}',
      '{"query":"mutation($input: CreateContactInput!) { createContact(input: $input) { errors { code } } }","variables":{"input":{"type":"PERSON","firstName":"a","prototype":{"x":1}}}}',
    ];
    return postGraphql('graphql:proto-keys', Buffer.from(rng.pick(bodies)));
  },
  (rng) => {
    const size = rng.pick([262_145, 300_000, 1_000_000]);
    const body = Buffer.concat([Buffer.from('{"query":"{ __typename }","variables":{"pad":"'), Buffer.alloc(size, 0x61), Buffer.from('"}}')]);
    return { ...postGraphql('graphql:oversized-body', body), chunked: rng.chance(0.5) };
  },
  (rng) => {
    const headers: Record<string, string | string[]> = { ...JSON_HEADERS };
    switch (rng.int(0, 9)) {
      case 0:
        headers['authorization'] = rng.pick([
          'Bearer',
          'Bearer ',
          'Basic YWRtaW46YWRtaW4=',
          `Bearer ${rng.text(rng.int(100, 12_000))}`,
          'Bearer \u00ff\u00fe\u00e9',
          'bearer a.b.c',
          'Bearer a.b.c.d.e',
        ]);
        break;
      case 1:
        headers['api_key'] = rng.pick(['', ' ', rng.text(rng.int(1, 9_000)), 'sk_live_\u00ff\u00fe', 'pk_test_x', "' OR 1=1 --"]);
        break;
      case 2:
        headers['x-consistency-token'] = rng.pick([
          rng.text(rng.int(1, 9_000)),
          ',,,,,',
          'a:b:c',
          Array.from({ length: 500 }, () => 'x:1').join(','),
          '\u00ff',
        ]);
        break;
      case 3:
        headers['x-request-id'] = rng.text(rng.int(129, 8_000));
        headers['x-correlation-id'] = rng.pick(['../../etc', '\u00e9\u00ff', 'a b c', rng.text(200)]);
        break;
      case 4:
        for (let i = 0; i < rng.int(50, 99); i++) headers[`x-junk-${i}`] = rng.text(rng.int(1, 100));
        break;
      case 5:
        headers['x-junk'] = rng.text(rng.int(17_000, 40_000)); // over Node's header limit → 431
        break;
      case 6:
        headers['authorization'] = ['Bearer a', 'Bearer b'];
        headers['api_key'] = ['x', 'y'];
        break;
      case 7:
        headers['x-apollo-operation-name'] = rng.text(rng.int(1, 5000));
        headers['apollo-require-preflight'] = '\u00ff';
        break;
      case 8:
        headers['accept'] = rng.pick([
          'application/xml',
          'text/html',
          '*/*;q=abc',
          'application/graphql-response+json; charset=utf-16',
          '',
          'application/json;q=0',
        ]);
        break;
      default:
        headers['x-crm-api-family'] = rng.pick(['backoffice', 'self-service', 'internal']);
        headers['x-crm-principal'] = rng.text(200);
        headers['x-tenant-id'] = 'other-tenant';
    }
    return postGraphql('graphql:header-abuse', json({ query: rng.pick(GRAPHQL_DOCUMENTS), variables: hostileVariables(rng) }), headers);
  },
  (rng) => {
    const method = rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'FOO', 'PROPFIND', 'HEAD', 'SEARCH']);
    return {
      kind: 'graphql:bad-method',
      method,
      path: '/graphql',
      headers: JSON_HEADERS,
      ...(rng.chance(0.5) ? { body: json({ query: '{ __typename }' }) } : {}),
    };
  },
  (rng) => {
    const q = rng.pick([
      `query=${encodeURIComponent('mutation { unregisterContact(id: "x") { errors { code } } }')}`,
      `query=${encodeURIComponent(brokenDocument(rng))}`,
      'query=%zz%7B',
      `query=${encodeURIComponent('{ __typename }')}&variables=notjson`,
      `query=${encodeURIComponent('{ __typename }')}&query=${encodeURIComponent('{ me { id } }')}`,
      `query=${encodeURIComponent('{ __typename }')}&extensions=${encodeURIComponent('{"persistedQuery":{"version":1,"sha256Hash":"nope"}}')}`,
      `extensions=${encodeURIComponent('{"persistedQuery":{"version":2,"sha256Hash":"00"}}')}`,
      `query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent('{"__proto__":{"a":1}}')}`,
      `query=${'%7B'.repeat(rng.int(10, 3000))}`,
      '&&&===&query',
      `query=\u00ff\u00fe`,
      `operationName=${rng.text(300)}&query=${encodeURIComponent('query A { __typename }')}`,
      '',
    ]);
    const headers: Record<string, string> = rng.chance(0.7) ? { 'apollo-require-preflight': '1' } : {};
    return { kind: 'graphql:bad-get', method: 'GET', path: `/graphql?${q}`, headers };
  },
  (rng) => {
    const op = { query: rng.pick(GRAPHQL_DOCUMENTS), variables: {} };
    const body = rng.pick([[], [op], [op, op], Array.from({ length: rng.int(3, 500) }, () => op), [[op]], [null]]);
    return postGraphql('graphql:batch', json(body));
  },
  (rng) =>
    postGraphql(
      'graphql:body-shape',
      Buffer.from(
        rng.pick([
          'null',
          '"query"',
          '123',
          '{}',
          '[]',
          'true',
          '{"query":123}',
          '{"query":["{ __typename }"]}',
          '{"query":{"a":1}}',
          '{"query":null}',
          '{"query":""}',
          '{"query":"{ __typename }","variables":"{}"}',
          '{"query":"{ __typename }","variables":[1]}',
          '{"query":"{ __typename }","operationName":5}',
          '{"query":"{ a: __typename } { b: __typename }"}',
          '{"query":"query A { __typename }","operationName":"B"}',
          '{"query":"query A { __typename } query A { __typename }","operationName":"A"}',
          '{"query":"subscription { __typename }"}',
          '{"query":"{ __typename }","extensions":"x"}',
          '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"deadbeef"}}}',
          '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"deadbeef"}}}',
          '{"query":"{ __typename }",',
          '{"query":"{ __typename }"}}}}',
          '{"query":"{ __typename }" "x":1}',
          "{'query':'{ __typename }'}",
          '\u0000\u0000',
          '',
        ]),
      ),
    ),
];

/** `size` hostile GraphQL requests (the generators in turn, callers rotating), from `seed`. */
export function graphqlCorpus(seed: number, size: number): HostileRequest[] {
  const rng = new Rng(seed);
  return Array.from({ length: size }, (_, i) => ({
    ...GRAPHQL_GENERATORS[i % GRAPHQL_GENERATORS.length]!(rng),
    caller: CALLERS[Math.floor(i / GRAPHQL_GENERATORS.length) % CALLERS.length]!,
  }));
}

/** The facade's route patterns with the methods they serve (`:x` = a path parameter). */
const REST_ROUTES: readonly [string, readonly string[]][] = [
  ['/backoffice/v2/contacts', ['GET', 'POST']],
  ['/backoffice/v2/contacts/:id', ['GET', 'PUT', 'DELETE']],
  ['/backoffice/v2/contacts/:id/tags', ['PUT']],
  ['/backoffice/v2/users', ['GET']],
  ['/backoffice/v2/users/:id', ['GET']],
  ['/backoffice/v2/users/authenticate', ['POST']],
  ['/backoffice/v2/users/refresh', ['POST']],
  ['/backoffice/v2/users/forgot_password', ['POST']],
  ['/backoffice/v2/users/change_password', ['POST']],
  ['/backoffice/v2/users/:id/sign_out', ['POST']],
  ['/backoffice/v2/user_roles', ['GET']],
  ['/backoffice/v2/organisations/switch/:id', ['POST']],
  ['/self-service/v2/contacts', ['GET']],
  ['/self-service/v2/contacts/register', ['POST']],
  ['/self-service/v2/contacts/authenticate', ['POST']],
  ['/self-service/v2/contacts/otp', ['POST']],
  ['/self-service/v2/contacts/validate_otp', ['POST']],
  ['/self-service/v2/contacts/refresh', ['POST']],
  ['/self-service/v2/contacts/forgot_password', ['POST']],
  ['/self-service/v2/contacts/change_password', ['POST']],
  ['/self-service/v2/contacts/verify_email', ['GET']],
  ['/self-service/v2/contacts/oidc/:type', ['GET']],
  ['/self-service/v2/contacts/:id', ['GET', 'PUT', 'DELETE']],
  ['/self-service/v2/contacts/:id/addresses', ['GET', 'POST']],
  ['/self-service/v2/contacts/:id/addresses/:address_id', ['PUT', 'DELETE']],
  ['/self-service/v2/contacts/:id/sign_out', ['POST']],
  ['/self-service/v2/contacts/:id/change_password', ['POST']],
  ['/self-service/v2/contacts/:id/identities', ['POST']],
];

/** Path segments that try to escape, inject or overflow (already as they go on the wire). */
const HOSTILE_SEGMENTS = [
  '..',
  '%2e%2e',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5cwindows',
  '%00',
  'abc%00.json',
  '%ZZ',
  '%',
  '%C0%AE%C0%AE',
  '%E2%80%AE',
  '%F0%9F%98%80',
  '\u00ff\u00fe',
  '%27%20OR%201%3D1--',
  '%3Cscript%3E',
  '__proto__',
  'constructor',
  'prototype',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF',
  '-1',
  '1e309',
  '%0d%0aX-Injected:%201',
  ';jsessionid=1',
  '.%2e',
  '~root',
];

const REST_QUERIES = [
  'page=-1',
  'page=0&size=0',
  'size=100000',
  'size=abc',
  'page=1.5',
  'page=1&page=2',
  'unknown=1',
  '__proto__=1',
  'constructor[prototype][x]=1',
  'sort=__proto__',
  'search=%zz',
  'search=%00',
  '&&&==&',
  'order=ASC;DROP%20TABLE',
  'email=\u00ff',
  'include_total=maybe',
  'q=%F0%9F',
];

function hostilePath(rng: Rng, pattern: string): string {
  let path = pattern.replace(/:[a-z_]+/g, () => {
    if (rng.chance(0.15)) return rng.text(rng.int(101, 6_000));
    return rng.pick(HOSTILE_SEGMENTS);
  });
  if (rng.chance(0.1)) path += '/';
  if (rng.chance(0.1)) path = path.replace('/v2/', rng.pick(['/v2//', '/v2/./', '/v2/../v2/', '/V2/', '/v3/']));
  if (rng.chance(0.4)) path += `?${rng.pick(REST_QUERIES)}${rng.chance(0.2) ? `&${rng.pick(REST_QUERIES)}` : ''}`;
  return path;
}

/** JSON-ish bodies a REST route may receive. */
function hostileRestBody(rng: Rng): { body: Buffer; headers: Record<string, string>; chunked?: boolean; kind: string } {
  const v = () => rng.pick(NASTY_VALUES);
  switch (rng.int(0, 9)) {
    case 0:
      return {
        kind: 'rest:invalid-json',
        body: Buffer.from(rng.pick(['{', '{"a":', '{"a":1,}', "{'a':1}", 'nope', '{"a":1}{"b":2}', '\u0000', '{"a":"\\ud800"}'])),
        headers: JSON_HEADERS,
      };
    case 1:
      return {
        kind: 'rest:invalid-utf8',
        body: Buffer.concat([Buffer.from('{"first_name":"'), Buffer.from([0xc3, 0x28]), rng.bytes(rng.int(0, 64)), Buffer.from('"}')]),
        headers: JSON_HEADERS,
      };
    case 2:
      return {
        kind: 'rest:proto-keys',
        body: Buffer.from(
          rng.pick([
            '{"__proto__":{"admin":true}}',
            '{"constructor":{"prototype":{"admin":true}}}',
            '{"first_name":"a","prototype":1}',
            '{"a":{"__proto__":{"x":1}}}',
            '{"\\u005f_proto__":{}}',
          ]),
        ),
        headers: JSON_HEADERS,
      };
    case 3:
      return { kind: 'rest:body-shape', body: Buffer.from(rng.pick(['null', '[]', '[{}]', '"x"', '42', 'true', ''])), headers: JSON_HEADERS };
    case 4:
      return {
        kind: 'rest:wrong-types',
        body: json({
          first_name: v(),
          last_name: v(),
          email: v(),
          password: v(),
          username: v(),
          refresh_token: v(),
          type: rng.pick(['PERSON', 'ROBOT', 1, null]),
          phones: v(),
          tags: v(),
          address_line_1: v(),
          country_code: v(),
          [rng.pick(['unknown_field', 'tenant_id', 'role', 'status', 'version'])]: v(),
        }),
        headers: JSON_HEADERS,
      };
    case 5:
      return {
        kind: 'rest:huge-string',
        body: json({ first_name: rng.text(rng.int(10_000, 900_000)), last_name: 'x', type: 'PERSON' }),
        headers: JSON_HEADERS,
      };
    case 6: {
      const depth = rng.pick([100, 5_000, 50_000]);
      return { kind: 'rest:deep-json', body: Buffer.from(`{"first_name":${nested(depth, '{"a":', '1', '}')}}`), headers: JSON_HEADERS };
    }
    case 7: {
      const size = rng.pick([1_048_577, 1_500_000, 2_000_000]);
      return {
        kind: 'rest:oversized-body',
        body: Buffer.concat([Buffer.from('{"first_name":"'), Buffer.alloc(size, 0x62), Buffer.from('"}')]),
        headers: JSON_HEADERS,
        chunked: rng.chance(0.5),
      };
    }
    case 8:
      return {
        kind: 'rest:content-type',
        body: rng.chance(0.5) ? json({ first_name: 'a', last_name: 'b' }) : Buffer.from('first_name=a&last_name=b'),
        headers: rng.chance(0.2)
          ? {}
          : {
              'content-type': rng.pick([
                'text/plain',
                'application/x-www-form-urlencoded',
                'multipart/form-data; boundary=x',
                'application/xml',
                'application/json; charset=utf-16',
                ';',
                'json',
              ]),
            },
      };
    default:
      return {
        kind: 'rest:many-keys',
        body: json(Object.fromEntries(Array.from({ length: rng.int(100, 20_000) }, (_, i) => [`k${i}`, i]))),
        headers: JSON_HEADERS,
      };
  }
}

function restHeaderAbuse(rng: Rng): Record<string, string | string[]> {
  switch (rng.int(0, 6)) {
    case 0:
      return { 'idempotency-key': rng.pick(['', ' a b ', '\u00ff\u00fe', rng.text(300), 'ok-key']) };
    case 1:
      return { authorization: rng.pick(['Bearer', 'Bearer \u00e9', `Bearer ${rng.text(rng.int(10, 12_000))}`, 'Digest x', 'Bearer a.b.c']) };
    case 2:
      return { api_key: rng.pick(['', rng.text(rng.int(1, 10_000)), '\u00ff', 'sk_test_x']) };
    case 3:
      return {
        'x-consistency-token': rng.pick([rng.text(rng.int(1, 9_000)), ',,,,', Array.from({ length: 300 }, () => 'c:1').join(','), 'contact:x:NaN']),
      };
    case 4:
      return { 'x-crm-api-family': rng.pick(['backoffice', 'self-service', 'x']), 'x-dev-principal': 'user', 'x-dev-tenant': '../other' };
    case 5:
      return { 'content-length': String(rng.pick([0, 5])), 'transfer-encoding': 'identity' };
    default:
      return { 'x-junk': rng.text(rng.int(17_000, 30_000)) };
  }
}

/** Malformed HTTP/1.1 that only a raw socket can send. */
function rawRequest(rng: Rng): Buffer {
  const path = rng.pick(['/backoffice/v2/contacts', '/self-service/v2/contacts/register', '/graphql']);
  return Buffer.from(
    rng.pick([
      `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Bad Header: 1\r\n\r\n`,
      `GET ${path} HTTP/9.9\r\nHost: x\r\n\r\n`,
      `GET ${path}\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\n\r\n`,
      `GET  ${path}  HTTP/1.1\r\nHost: x\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{"a":1}`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n`,
      `GET ${path}\u0000 HTTP/1.1\r\nHost: x\r\n\r\n`,
      `\r\n\r\n\r\n`,
      `GARBAGE\r\n\r\n`,
      `GET ${path} HTTP/1.1\nHost: x\n\n`,
      `GET http://evil.example${path} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u00ff\u00fe\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n: empty-name\r\n\r\n`,
    ]),
    'latin1',
  );
}

const REST_KINDS = ['path', 'query', 'body', 'method', 'headers', 'raw', 'unknown-path'] as const;

/** `size` hostile REST facade requests (plus a few malformed HTTP ones), from `seed`. */
export function restCorpus(seed: number, size: number): HostileRequest[] {
  const rng = new Rng(seed);
  return Array.from({ length: size }, (_, i): HostileRequest => {
    const caller = CALLERS[i % CALLERS.length]!;
    const kind = REST_KINDS[Math.floor(i / CALLERS.length) % REST_KINDS.length]!;
    const [pattern, methods] = rng.pick(REST_ROUTES);
    const method = rng.pick(methods);
    const plain = pattern.replace(/:[a-z_]+/g, () => rng.pick(['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'c0ffee', 'CODE-1']));
    switch (kind) {
      case 'path':
        return {
          kind: 'rest:hostile-path',
          caller,
          method,
          path: hostilePath(rng, pattern),
          headers: method === 'GET' || method === 'DELETE' ? {} : JSON_HEADERS,
          ...(method === 'GET' || method === 'DELETE' ? {} : { body: json({}) }),
        };
      case 'query':
        return {
          kind: 'rest:bad-query',
          caller,
          method: 'GET',
          path: `${rng.pick(REST_ROUTES.filter(([, m]) => m.includes('GET')))[0].replace(/:[a-z_]+/g, 'c0ffee')}?${rng.pick(REST_QUERIES)}&${rng.pick(REST_QUERIES)}`,
          headers: {},
        };
      case 'body': {
        const b = hostileRestBody(rng);
        return {
          kind: b.kind,
          caller,
          method: method === 'GET' || method === 'DELETE' ? rng.pick(['POST', 'PUT', method]) : method,
          path: plain,
          headers: b.headers,
          body: b.body,
          ...(b.chunked ? { chunked: true } : {}),
        };
      }
      case 'method':
        return {
          kind: 'rest:bad-method',
          caller,
          method: rng.pick([
            'PATCH',
            'TRACE',
            'OPTIONS',
            'FOO',
            'HEAD',
            'PROPFIND',
            'M-SEARCH',
            'LINK',
            ...['GET', 'POST', 'PUT', 'DELETE'].filter((m) => !methods.includes(m)),
          ]),
          path: plain,
          headers: {},
        };
      case 'headers':
        return {
          kind: 'rest:header-abuse',
          caller,
          method,
          path: plain,
          headers: { ...JSON_HEADERS, ...restHeaderAbuse(rng) },
          ...(method === 'POST' || method === 'PUT' ? { body: json({ first_name: 'a', last_name: 'b' }) } : {}),
        };
      case 'raw':
        return { kind: 'rest:malformed-http', caller, method: 'RAW', path: '', headers: {}, raw: rawRequest(rng) };
      default:
        return {
          kind: 'rest:unknown-path',
          caller,
          method,
          path: rng.pick([
            '/backoffice/v2/',
            '/backoffice/v2/nope',
            '/self-service/v2/contacts/a/b/c/d',
            '/backoffice/v1/contacts',
            '/.env',
            '/%2e%2e/%2e%2e/etc/passwd',
            `/${rng.text(rng.int(1, 3000))}`,
            '/graphql/../backoffice/v2/contacts',
            '//backoffice/v2/contacts',
          ]),
          headers: {},
        };
    }
  });
}
