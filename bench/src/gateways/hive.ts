import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

/**
 * S3 contender "Hive Gateway": `@graphql-hive/gateway-runtime` (the runtime behind the Hive
 * Gateway CLI) served by node:http, one process, no plugins of ours. As performance.md §6 asks:
 * inbound in-flight deduplication off, no response cache, no landing page or GraphiQL. Outbound
 * de-duplication is off too: the HTTP transport merges identical subgraph requests in flight by
 * default, and under a closed loop of identical operations that skips most subgraph calls, so the
 * subgraphs would no longer do the same work as behind the other two gateways.
 *
 * Auth: like the plain Apollo contender (see apollo-plain.ts), the bench sends a pre-signed
 * `x-crm-principal` and `propagateHeaders` copies exactly that header to every subgraph call.
 *
 * With `BENCH_HIVE_PLANNER=rust` this is the contender "Hive Gateway + Rust query planner": the same
 * runtime with `@graphql-hive/router-runtime`'s `unifiedGraphHandler`, which plans with the Hive
 * Router's planner (a native addon shipped in `@graphql-hive/router-query-planner`).
 *
 *   BENCH_GATEWAY_PORT=31003 BENCH_SUPERGRAPH_FILE=/tmp/supergraph.graphql node bench/dist/gateways/hive.js
 *   BENCH_GATEWAY_PORT=31006 BENCH_SUPERGRAPH_FILE=/tmp/supergraph.graphql BENCH_HIVE_PLANNER=rust node bench/dist/gateways/hive.js
 */
const port = Number(process.env['BENCH_GATEWAY_PORT'] ?? 31003);
const file = process.env['BENCH_SUPERGRAPH_FILE'];
if (!file) throw new Error('BENCH_SUPERGRAPH_FILE is required');
const sdl = readFileSync(file, 'utf8');
const planner = process.env['BENCH_HIVE_PLANNER'] ?? 'js';
if (planner !== 'js' && planner !== 'rust') throw new Error(`BENCH_HIVE_PLANNER must be js or rust, not ${planner}`);

const runtime = createGatewayRuntime({
  supergraph: () => sdl,
  ...(planner === 'rust' ? { unifiedGraphHandler } : {}),
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: 'error',
  inboundInflightRequestDeduplication: false,
  transportEntries: { '*': { options: { deduplicateInflightRequests: false } } },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const principal = request.headers.get('x-crm-principal');
      return principal ? { 'x-crm-principal': principal } : {};
    },
  },
});

const server = createServer(runtime);
server.keepAliveTimeout = 65_000;
// the runtime loads the supergraph lazily: load it before saying ready
void Promise.resolve(runtime.getSchema()).then(() =>
  server.listen(port, '127.0.0.1', () => process.stdout.write(`hive gateway (${planner} planner) ready on http://127.0.0.1:${port}/graphql\n`)),
);
const stop = () => server.close(() => void Promise.resolve(runtime[Symbol.asyncDispose]()).finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
