import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { launcherEnv } from './launcher/env';
import { startPlatform } from './launcher/platform';
import { demoCredentialsPath, ensureDemoTenant } from './launcher/bootstrap';

/** `npm start`: the whole platform in one process (embedded defaults unless backends are configured). */
async function main(): Promise<void> {
  const started = performance.now();
  const env = launcherEnv();
  const logger = createLogger('crm-platform', env['LOG_LEVEL'] ?? 'info');
  // one process, one tracer: spans say service.name crm-platform (each service's own spans and log lines name it)
  initTracing({ serviceName: 'crm-platform', otlpEndpoint: env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined });
  const platform = await startPlatform(env, { logger });
  const dataDir = env['DATA_DIR'] ?? '.data';
  const demo = await ensureDemoTenant(platform.identityWrite, dataDir);
  const ms = Math.round(performance.now() - started);
  const mode = [
    env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite (.data/)',
    env['KAFKA_BROKERS'] ? 'Kafka' : 'in-process bus',
    env['REDIS_URL'] ? 'Redis' : 'in-memory cache',
  ].join(', ');
  process.stdout.write(
    [
      '',
      `CRM platform ready in ${ms} ms (${mode}); resident memory ${Math.round(process.memoryUsage().rss / 1048576)} MiB`,
      `  GraphQL (gateway):    ${platform.url}/graphql`,
      `  REST back-office:     ${platform.url}/backoffice/v2/contacts`,
      `  REST self-service:    ${platform.url}/self-service/v2/contacts/{id}`,
      `  subgraphs:            ${platform.contactsWrite.http.url}/graphql (contacts-write), ${platform.contactsRead.http?.url}/graphql (contacts-read), ${platform.identityWrite.http.url}/graphql (identity-write), ${platform.identityRead.http.url}/graphql (identity-read)`,
      `  JWKS:                 ${platform.url}/.well-known/jwks.json`,
      `  health:               ${platform.url}/healthz  ${platform.url}/readyz`,
      demo
        ? [
            '',
            'Demo tenant created (shown once; also in ' + demoCredentialsPath(dataDir) + '):',
            `  tenantId:      ${demo.tenantId}`,
            `  public key:    ${demo.publicApiKey}`,
            `  secret key:    ${demo.secretApiKey}`,
            `  owner login:   ${demo.adminEmail} / ${demo.adminPassword}`,
          ].join('\n')
        : `  demo credentials:     ${demoCredentialsPath(dataDir)}`,
      '',
    ].join('\n') + '\n',
  );
  onShutdownSignal(logger, () => platform.stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`the platform failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
