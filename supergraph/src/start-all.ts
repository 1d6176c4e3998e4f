import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { ConfigError } from '@crm/platform/config';
import { DataDirLockedError, embeddedDbDir, lockDataDir, prepareEmbeddedDatabase } from '@crm/platform/data-dir';
import { dataDirOf, isProduction, launcherEnv } from './launcher/env';
import { ensureDemoTenant, type DemoBootstrap } from './launcher/bootstrap';

/** `npm start`: the whole platform in one process (embedded defaults unless backends are configured). */
async function main(): Promise<void> {
  const started = performance.now();
  const env = launcherEnv();
  const dataDir = dataDirOf(env);
  // A fresh embedded database's initdb (the longest step of a first start) begins first, in a
  // child process, outside DATA_DIR: the services' code loads and their configuration is checked
  // beside it. The first service to open the database moves it into place (or reports its failure).
  // Production checks its configuration first (a refused start costs no initdb).
  if (!env['DATABASE_URL'] && !isProduction(env)) prepareEmbeddedDatabase(embeddedDbDir(dataDir));
  // loaded here, not at the top: every service's code loads while that initdb runs
  const { checkPlatformConfig } = await import('./launcher/preflight.js');
  checkPlatformConfig(env);
  // one platform per data folder: its embedded databases take one process (the admin CLI checks it too)
  lockDataDir(dataDir, 'npm start');
  const logger = createLogger('crm-platform', env['LOG_LEVEL'] ?? 'info');
  // one process, one tracer: spans say service.name crm-platform (each service's own spans and log lines name it)
  initTracing({ serviceName: 'crm-platform', otlpEndpoint: env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined });
  const { startPlatform } = await import('./launcher/platform.js');
  const platform = await startPlatform(env, { logger });
  // a demo tenant is a development convenience: production tenants are made with `npm run admin`
  const demo = isProduction(env) ? null : await ensureDemoTenant(platform.identityWrite, dataDir, env['DATABASE_URL']);
  const ms = Math.round(performance.now() - started);
  const mode = [
    env['DATABASE_URL'] ? 'PostgreSQL' : `PGlite (${dataDir}/)`,
    env['KAFKA_BROKERS'] ? 'Kafka' : 'in-process bus',
    env['REDIS_URL'] ? 'Redis' : 'in-memory cache',
  ].join(', ');
  process.stdout.write(
    [
      '',
      `CRM platform ready in ${ms} ms (${mode}); resident memory ${Math.round(process.memoryUsage().rss / 1048576)} MiB`,
      `  GraphQL (gateway):    ${platform.url}/graphql${isProduction(env) && env['PLAYGROUND_ENABLED'] !== 'true' ? '' : '  (open it in a browser: the playground)'}`,
      ...(isProduction(env) && env['DOCS_ENABLED'] !== 'true' ? [] : [`  REST API docs:        ${platform.url}/docs`]),
      `  REST back-office:     ${platform.url}/backoffice/v2/contacts`,
      `  REST self-service:    ${platform.url}/self-service/v2/contacts/{id}`,
      `  subgraphs (${platform.services.size}, behind the gateway; each refuses calls without its signed principal):`,
      ...subgraphLines(platform.services),
      `  JWKS:                 ${platform.url}/.well-known/jwks.json`,
      `  health:               ${platform.url}/healthz  ${platform.url}/readyz`,
      demoLines(demo),
      '',
    ].join('\n') + '\n',
  );
  onShutdownSignal(logger, () => platform.stop());
}

/** Each domain's write and read subgraph on one line: `ledger  write http://…/graphql  read http://…/graphql`. */
function subgraphLines(services: Map<string, { http?: { url: string } | null }>): string[] {
  const domains = new Map<string, string[]>();
  for (const [name, service] of services) {
    const [, domain = name, side = ''] = /^(.*)-(write|read)$/.exec(name) ?? [];
    const url = service.http?.url ? `${service.http.url}/graphql` : '(projector only)';
    domains.set(domain, [...(domains.get(domain) ?? []), `${side} ${url}`]);
  }
  return [...domains].map(([domain, sides]) => `    ${domain.padEnd(16)}${sides.join('  ')}`);
}

function demoLines(demo: DemoBootstrap | null): string {
  if (!demo) return '  tenants:              none made at start in production: `npm run admin -- create-tenant …`';
  if (!demo.created) return `  demo credentials:     ${demo.path}`;
  const c = demo.credentials;
  return [
    '',
    `Demo tenant created in this database (shown once; also in ${demo.path}):`,
    `  tenantId:      ${c.tenantId}`,
    `  public key:    ${c.publicApiKey}`,
    `  secret key:    ${c.secretApiKey}`,
    `  owner login:   ${c.adminEmail} / ${c.adminPassword}`,
  ].join('\n');
}

/** Start-up failures a user fixes by configuration get a message and exit 78 (EX_CONFIG), no stack. */
function failed(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  if (err instanceof DataDirLockedError) {
    process.stderr.write(
      `the platform is already running on this data folder: ${err.message}.\nStop it first, or start this one with another DATA_DIR (and other ports).\n`,
    );
    process.exit(1);
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const where = (err as { port?: number }).port;
    process.stderr.write(
      `the platform failed to start: ${(err as Error).message}\n` +
        `port ${where ?? ''} is taken or not allowed: set GATEWAY_PORT, CONTACTS_WRITE_PORT, CONTACTS_READ_PORT, IDENTITY_WRITE_PORT, IDENTITY_READ_PORT to free ports.\n`,
    );
    process.exit(78);
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    process.stderr.write(
      `the platform failed to start: ${(err as Error).message}\ncheck that the backends DATABASE_URL, REDIS_URL and KAFKA_BROKERS name are running and reachable.\n`,
    );
    process.exit(1);
  }
  // anything else is a bug: keep the stack for the report
  process.stderr.write(`the platform failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}

main().catch(failed);
