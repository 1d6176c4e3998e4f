import 'reflect-metadata';
import { createDataSource } from '@crm/platform/db';
import { ConfigError } from '@crm/platform/config';
import { DataDirLockedError, lockDataDir, type DataDirLock } from '@crm/platform/data-dir';
import { AppError } from '@crm/platform/errors';
import { registry } from '@crm/event-bus';
import { loadCliConfig } from './env';
import { databaseConfig } from './persistence/database';
import { UnitOfWork } from './application/unit-of-work';
import { IdentitySecrets } from './application/identity-secrets';
import { SigningKeys } from './application/signing-keys';
import { parseArgs, usage, UsageError } from './admin/cli-args';
import { runAdminCommand } from './admin/admin-commands';
import { createLogger } from '@crm/platform/logging';

/**
 * Admin CLI for real deployments: `npm run admin -- <command> [--flags]`. Works on the identity
 * database through the application layer; events land in the outbox in the same transaction and
 * the running service's relay publishes them (the CLI needs no Kafka and starts no relay).
 * Exit codes: 0 done, 1 refused (bad value, not found, conflict) or failed, 2 usage, 78 configuration.
 */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n\n${usage(err.command)}\n`);
    return 2;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${usage(parsed.command)}\n`);
    return 0;
  }
  let config;
  try {
    config = loadCliConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 78;
  }
  // The embedded database (PGlite under DATA_DIR) takes one process at a time: never open it while
  // `npm start` (or another CLI run) holds the folder; PostgreSQL takes many.
  let lock: DataDirLock | undefined;
  if (!config.DATABASE_URL) {
    try {
      lock = lockDataDir(config.DATA_DIR, 'npm run admin');
    } catch (err) {
      if (!(err instanceof DataDirLockedError)) throw err;
      process.stderr.write(lockedMessage(err));
      return 1;
    }
  }
  const logger = createLogger('identity-admin', config.LOG_LEVEL, { stderr: true });
  const dataSource = await createDataSource({ ...databaseConfig(config, logger), entities: [], migrate: config.DB_MIGRATE }).catch((err: unknown) => {
    lock?.release();
    throw err;
  });
  try {
    const uow = new UnitOfWork(dataSource, registry, () => undefined);
    const secrets = new IdentitySecrets(config.IDENTITY_SECRET);
    // keys made with another IDENTITY_SECRET than the service's would never work: check it opens
    // the database's signing key first (a ConfigError naming IDENTITY_SECRET when it does not)
    await new SigningKeys(dataSource, secrets, 'admin-cli').init();
    const output = await runAdminCommand({ uow, secrets }, parsed.command, parsed.flags);
    process.stdout.write(parsed.json ? `${JSON.stringify(output.data, null, 2)}\n` : `${output.text.join('\n')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78;
    }
    if (err instanceof AppError && err.code !== 'INTERNAL' && err.code !== 'UNAVAILABLE') {
      process.stderr.write(`error: ${err.message}${err.reason ? ` (${err.reason})` : ''}\n`);
      return 1;
    }
    throw err;
  } finally {
    await dataSource.destroy();
    lock?.release();
  }
}

function lockedMessage(err: DataDirLockedError): string {
  return [
    `error: the embedded database is in use: ${err.message}.`,
    '  It takes one process at a time; writing it from here as well would lose data. Stop the platform',
    `  (Ctrl-C in its terminal, or kill ${err.holder.pid}), run this command again, then start the platform again;`,
    '  or run the platform and this CLI against PostgreSQL (DATABASE_URL).',
    '',
  ].join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // an unexpected failure (database unreachable, ...): the message, not a stack trace
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
