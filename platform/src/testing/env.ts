/**
 * Backends for tests, read once here (the test harness's env.ts). Unset = embedded defaults
 * (PGlite, in-process bus, in-memory cache). CI sets all three and REQUIRE_BACKENDS=true, so a
 * missing backend fails the run instead of silently falling back.
 */
export interface TestBackends {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  kafkaBrokers: string[];
  requireBackends: boolean;
  /** Log level of services started by tests (TEST_LOG_LEVEL, default error). */
  logLevel: string;
}

export function testBackends(): TestBackends {
  const env = process.env;
  const backends = {
    databaseUrl: env['DATABASE_URL'] || undefined,
    redisUrl: env['REDIS_URL'] || undefined,
    kafkaBrokers: (env['KAFKA_BROKERS'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    requireBackends: env['REQUIRE_BACKENDS'] === 'true',
    logLevel: env['TEST_LOG_LEVEL'] ?? 'error',
  };
  if (backends.requireBackends && (!backends.databaseUrl || !backends.redisUrl || backends.kafkaBrokers.length === 0)) {
    throw new Error('REQUIRE_BACKENDS=true but DATABASE_URL, REDIS_URL or KAFKA_BROKERS is not set');
  }
  return backends;
}
