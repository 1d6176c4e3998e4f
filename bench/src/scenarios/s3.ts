import { graphql } from '../lib/http';
import { sleep } from '../lib/proc';
import { canonicalJson, checkSample, loadScenarioWithLatencies, mergeRuns, sameDataAs, type LoadScenario, type Operation } from '../lib/scenario';
import { round } from '../lib/stats';

/**
 * S3: the federated heavy query, the same subgraphs behind three gateways.
 *
 * No entity of the current supergraph is resolved by two subgraphs (Contact is owned by
 * contacts-read; contacts-write only returns references to it), so there is no entity join to
 * measure. S3 therefore takes the heaviest realistic multi-subgraph operation: a back-office
 * dashboard that loads a page of contacts (contacts-read) together with the users, their roles and
 * the tenant's roles (identity-read) in one request. Each gateway plans it into two parallel
 * subgraph fetches and merges the answers.
 *
 * Contenders, all in their own process, all calling the same contacts-read and identity-read:
 * - ours: `supergraph/dist/gateway/main.js` with every plugin (auth, armor limits, freshness,
 *   error masking, subgraph data source). It authenticates the caller with the development
 *   authenticator (`x-dev-tenant`, user with all permissions) and signs the principal itself.
 * - apollo: `bench/dist/gateways/apollo-plain.js`, `@apollo/gateway` + `@apollo/server`, no plugins.
 * - hive: `bench/dist/gateways/hive.js`, `@graphql-hive/gateway-runtime` over node:http.
 *
 * Auth: subgraphs accept a request only with a principal in `x-crm-principal`, an HS256 JWT signed
 * with the deployment's INTERNAL_AUTH_SECRET (issuer crm-gateway, audience crm-subgraph; see
 * `platform/src/auth/principal.ts`, verified by `PrincipalVerifier`, which caches a verified token
 * until it expires). The plain gateways do no auth of their own: the bench signs the same principal
 * our gateway would sign (same tenant, kind user, permissions `*`) once, sends it with every request,
 * and they copy that one header to every subgraph call. Our gateway re-uses one signed token per
 * principal for 30 s, so the subgraphs verify a cached token in every case and do the same work.
 */
export const HEAVY_OP: Operation = {
  operationName: 'BenchDashboard',
  query: `query BenchDashboard($first: Int!, $users: Int!) {
  contacts(first: $first) { nodes { id code displayName email tags createdAt phones { number } } }
  users(first: $users) { id email firstName lastName status createdAt roles { id name permissions } }
  roles { id name permissions builtIn }
}`,
  variables: { first: 20, users: 20 },
};

export const SEED_USERS = 10;
const CREATE_ROLE = `mutation BenchRole($input: CreateRoleInput!) { createRole(input: $input) { role { id } errors { code message } } }`;
const CREATE_USER = `mutation BenchUser($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { code message } } }`;
const USERS_COUNT = `query BenchUsers { users(first: 100) { id } roles { id } }`;

/** Two custom roles and SEED_USERS users through our gateway; waits until identity-read shows them. */
export async function seedIdentity(gatewayUrl: string, tenant: string, timeoutMs = 60_000): Promise<{ ms: number; users: number; roles: number }> {
  const t0 = Date.now();
  const headers = { 'x-dev-tenant': tenant };
  const roleIds: string[] = [];
  for (const [name, permissions] of [
    ['bench-sales', ['contacts.read', 'contacts.write']],
    ['bench-viewer', ['contacts.read', 'users.read']],
  ] as const) {
    const r = await graphql<{ createRole: { role: { id: string } | null; errors: { message: string }[] } }>(
      `${gatewayUrl}/graphql`,
      CREATE_ROLE,
      { input: { name, permissions } },
      headers,
    );
    const id = r.data?.createRole?.role?.id;
    if (!id) throw new Error(`seeding role ${name} failed: ${r.raw.slice(0, 400)}`);
    roleIds.push(id);
  }
  for (let i = 0; i < SEED_USERS; i++) {
    const input = {
      email: `u${i}@bench.example`,
      password: `Bench-pass-${i}-long-enough`,
      firstName: `User${i}`,
      lastName: 'Bench',
      roleIds: i % 2 ? roleIds : [roleIds[0]],
    };
    const r = await graphql<{ createUser: { user: { id: string } | null } }>(`${gatewayUrl}/graphql`, CREATE_USER, { input }, headers, 30_000);
    if (!r.data?.createUser?.user) throw new Error(`seeding user ${i} failed: ${r.raw.slice(0, 400)}`);
  }
  let users = 0;
  let roles = 0;
  while (Date.now() - t0 < timeoutMs) {
    const r = await graphql<{ users: unknown[]; roles: unknown[] }>(`${gatewayUrl}/graphql`, USERS_COUNT, {}, headers);
    users = r.data?.users?.length ?? 0;
    roles = r.data?.roles?.length ?? 0;
    if (users >= SEED_USERS && roles >= roleIds.length) return { ms: Date.now() - t0, users, roles };
    await sleep(200);
  }
  throw new Error(`only ${users} of ${SEED_USERS} seeded users (and ${roles} roles) became visible in identity-read within ${timeoutMs} ms`);
}

export interface Contender {
  id: 'ours' | 'apollo' | 'hive' | 'hive-router';
  name: string;
  url: string;
  headers: () => Record<string, string>;
  gatewayPid: number;
}

/** Sends the heavy operation to every contender; all must answer 200 without errors and the same data. */
export async function compareAnswers(
  contenders: readonly Contender[],
): Promise<{ identical: boolean; bytes: Record<string, number>; golden: unknown; problems: string[] }> {
  const answers = await Promise.all(
    contenders.map(async (c) => ({ c, r: await graphql(`${c.url}/graphql`, HEAVY_OP.query, HEAVY_OP.variables, c.headers()) })),
  );
  const problems: string[] = [];
  const golden = answers[0]?.r.data;
  for (const { c, r } of answers) {
    if (r.status !== 200 || r.errors || !r.data) problems.push(`${c.id}: HTTP ${r.status} ${r.raw.slice(0, 300)}`);
    else if (canonicalJson(r.data) !== canonicalJson(golden)) problems.push(`${c.id}: data differs from ${answers[0]!.c.id}`);
  }
  return {
    identical: problems.length === 0,
    bytes: Object.fromEntries(answers.map(({ c, r }) => [c.id, Buffer.byteLength(r.raw)])),
    golden,
    problems,
  };
}

export interface S3Contender extends LoadScenario {
  contender: Contender['id'];
  /** Requests per CPU-second of the gateway process alone. */
  gatewayOnlyReqPerCpuS: number | null;
  /** The same two figures per round (the contender's windows, merged above). */
  rounds: { reqPerCpuS: number | null; gatewayOnlyReqPerCpuS: number | null; rps: number }[];
}

export interface S3Ratio {
  /** Requests per CPU-second of gateway + contacts-read + identity-read (the target's measure). */
  perCpuS: number | null;
  perGatewayCpuS: number | null;
  rps: number | null;
  /** perCpuS of each round on its own (round i of ours against round i of the other), for the spread. */
  perCpuSByRound: (number | null)[];
}

export interface S3Result {
  operation: string;
  subgraphs: string[];
  auth: string;
  responseBytes: Record<string, number>;
  contenders: S3Contender[];
  oursVsApollo: S3Ratio;
  oursVsHive: S3Ratio;
  /** Against Hive Gateway with the Rust query planner (`@graphql-hive/router-runtime`). */
  oursVsHiveRouter: S3Ratio;
}

export interface S3Options {
  contenders: Contender[];
  /** Subgraph processes whose CPU counts for every contender. */
  subgraphPids: Record<string, number>;
  connections: number;
  warmupS: number;
  durationS: number;
  /** Rounds over all contenders; the order rotates every round (ours, apollo, hive; apollo, hive, ours; ...). */
  rounds: number;
}

const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? round(a / b, 3) : null);

export async function runS3(o: S3Options): Promise<S3Result> {
  const cmp = await compareAnswers(o.contenders);
  if (!cmp.identical) throw new Error(`S3: the gateways do not give the same answer: ${cmp.problems.join(' | ')}`);
  const check = sameDataAs(cmp.golden);
  const runs = new Map<Contender['id'], (LoadScenario & { latencies: number[] })[]>();
  for (let round = 0; round < o.rounds; round++) {
    for (let i = 0; i < o.contenders.length; i++) {
      const c = o.contenders[(i + round) % o.contenders.length]!;
      const sample = await checkSample(`${c.url}/graphql`, HEAVY_OP, c.headers(), check);
      if (!sample.ok) throw new Error(`S3 ${c.id}: ${sample.problem}`);
      const r = await loadScenarioWithLatencies({
        id: `S3 ${c.id}`,
        name: `${c.name}${o.rounds > 1 ? ` (round ${round + 1}/${o.rounds})` : ''}`,
        url: `${c.url}/graphql`,
        op: HEAVY_OP,
        headers: c.headers,
        pids: { gateway: c.gatewayPid, ...o.subgraphPids },
        connections: o.connections,
        warmupS: o.warmupS,
        durationS: o.durationS,
        verify: true,
        check,
      });
      runs.set(c.id, [...(runs.get(c.id) ?? []), r]);
    }
  }
  const gatewayOnly = (r: LoadScenario) => {
    const gw = r.cpuS['gateway'] ?? 0;
    return gw > 0 ? round(r.requests / gw, 0) : null;
  };
  const results: S3Contender[] = o.contenders.map((c) => {
    const list = runs.get(c.id) ?? [];
    const merged = { ...mergeRuns(list), name: c.name };
    return {
      ...merged,
      contender: c.id,
      gatewayOnlyReqPerCpuS: gatewayOnly(merged),
      rounds: list.map((r) => ({ reqPerCpuS: r.reqPerCpuS, gatewayOnlyReqPerCpuS: gatewayOnly(r), rps: r.rps })),
    };
  });
  const by = (id: Contender['id']) => results.find((r) => r.contender === id);
  const vs = (other: Contender['id']): S3Ratio => {
    const a = by('ours');
    const b = by(other);
    return {
      perCpuS: ratio(a?.reqPerCpuS, b?.reqPerCpuS),
      perGatewayCpuS: ratio(a?.gatewayOnlyReqPerCpuS, b?.gatewayOnlyReqPerCpuS),
      rps: ratio(a?.rps, b?.rps),
      perCpuSByRound: (a?.rounds ?? []).map((r, i) => ratio(r.reqPerCpuS, b?.rounds[i]?.reqPerCpuS)),
    };
  };
  return {
    operation: HEAVY_OP.query,
    subgraphs: Object.keys(o.subgraphPids),
    auth: 'ours: x-dev-tenant (dev authenticator, signs x-crm-principal itself); apollo, hive, hive-router: a pre-signed x-crm-principal forwarded as is',
    responseBytes: cmp.bytes,
    contenders: results,
    oursVsApollo: vs('apollo'),
    oursVsHive: vs('hive'),
    oursVsHiveRouter: vs('hive-router'),
  };
}
