import { createDataSource } from '@crm/platform/db';
import { ConfigError, type EnvSource } from '@crm/platform/config';
import { DataDirLockedError, lockDataDir, type DataDirLock } from '@crm/platform/data-dir';
import { AppError } from '@crm/platform/errors';
import { createLogger } from '@crm/platform/logging';
import { registry } from '@crm/event-bus';
import type { DataSource } from 'typeorm';
import { parseCliConfig, type IdentityCliConfig } from '../env';
import { databaseConfig } from '../persistence/database';
import { UnitOfWork } from '../application/unit-of-work';
import { IdentitySecrets } from '../application/identity-secrets';
import { SigningKeys } from '../application/signing-keys';
import { parseArgs, usage, UsageError } from './cli-args';
import { runAdminCommand } from './admin-commands';

/** Where the CLI writes: the process's stdout and stderr, or a test's buffers. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** An open, migrated identity database and how to let go of it when the command is done. */
export interface OpenDatabase {
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Opens (and migrates, unless DB_MIGRATE=false) the identity database the configuration names. */
export async function openDatabase(config: IdentityCliConfig): Promise<OpenDatabase> {
  const logger = createLogger('identity-admin', config.LOG_LEVEL, { stderr: true });
  const dataSource = await createDataSource({ ...databaseConfig(config, logger), entities: [], migrate: config.DB_MIGRATE });
  return { dataSource, close: () => dataSource.destroy() };
}

/**
 * The admin CLI (`npm run admin -- <command> [--flags]`) as a function of its arguments and
 * environment, returning the exit code: 0 done, 1 refused (bad value, not found, conflict, data
 * folder in use), 2 usage, 78 configuration. Works on the identity database through the
 * application layer; events land in the outbox in the same transaction and the running service's
 * relay publishes them (the CLI needs no Kafka and starts no relay). `open` is how the database is
 * opened (tests pass one migrated database to many commands).
 */
export async function runCli(
  argv: string[],
  env: EnvSource,
  out: CliOutput,
  open: (config: IdentityCliConfig) => Promise<OpenDatabase> = openDatabase,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    out.stderr(`error: ${err.message}\n\n${usage(err.command)}\n`);
    return 2;
  }
  if (parsed.kind === 'help') {
    out.stdout(`${usage(parsed.command)}\n`);
    return 0;
  }
  let config;
  try {
    config = parseCliConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    out.stderr(`${err.message}\n`);
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
      out.stderr(lockedMessage(err));
      return 1;
    }
  }
  let db: OpenDatabase;
  try {
    db = await open(config);
  } catch (err) {
    lock?.release();
    throw err;
  }
  try {
    const uow = new UnitOfWork(db.dataSource, registry, () => undefined);
    const secrets = new IdentitySecrets(config.IDENTITY_SECRET);
    // keys made with another IDENTITY_SECRET than the service's would never work: check it opens
    // the database's signing key first (a ConfigError naming IDENTITY_SECRET when it does not)
    await new SigningKeys(db.dataSource, secrets, 'admin-cli').init();
    const output = await runAdminCommand({ uow, secrets }, parsed.command, parsed.flags);
    out.stdout(parsed.json ? `${JSON.stringify(output.data, null, 2)}\n` : `${output.text.join('\n')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      out.stderr(`${err.message}\n`);
      return 78;
    }
    if (err instanceof AppError && err.code !== 'INTERNAL' && err.code !== 'UNAVAILABLE') {
      out.stderr(`error: ${err.message}${err.reason ? ` (${err.reason})` : ''}\n`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
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
