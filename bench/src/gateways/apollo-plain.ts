import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * S3 contender "plain Apollo": `@apollo/gateway` + `@apollo/server` (standalone node:http server)
 * with none of our plugins: no authentication, no armor limits, no freshness, no error masking.
 *
 * Auth: the subgraphs only answer requests that carry a principal signed with the deployment's
 * INTERNAL_AUTH_SECRET in `x-crm-principal` (platform/src/auth). This gateway signs nothing: the
 * bench sends a pre-signed principal with every request, and the data source copies that one header
 * to every subgraph call, so the subgraphs do the same work as behind our gateway.
 *
 *   BENCH_GATEWAY_PORT=31002 BENCH_SUPERGRAPH_FILE=/tmp/supergraph.graphql node bench/dist/gateways/apollo-plain.js
 *
 * The supergraph file is schema/supergraph.graphql with the subgraph URLs pointed at the bench's ports.
 */
interface PlainContext {
  principal: string | undefined;
}

class ForwardPrincipal extends RemoteGraphQLDataSource<PlainContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<PlainContext>): void {
    if (context?.principal) request.http?.headers.set('x-crm-principal', context.principal);
  }
}

async function main(): Promise<void> {
  const port = Number(process.env['BENCH_GATEWAY_PORT'] ?? 31002);
  const file = process.env['BENCH_SUPERGRAPH_FILE'];
  if (!file) throw new Error('BENCH_SUPERGRAPH_FILE is required');
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(file, 'utf8'), buildService: ({ url }) => new ForwardPrincipal({ url }) });
  const server = new ApolloServer<PlainContext>({ gateway, nodeEnv: 'production' });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => {
      const h = req.headers['x-crm-principal'];
      return { principal: Array.isArray(h) ? h[0] : h };
    },
  });
  process.stdout.write(`plain apollo gateway ready on ${url}\n`);
  const stop = () => void server.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`plain apollo gateway failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
