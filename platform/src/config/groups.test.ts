import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ConfigError, parseEnv } from './load-env';
import { dbEnv, httpEnv, httpPortOf, kafkaEnv, readSideEnv, redisEnv } from './groups';

const SECRET = 's'.repeat(32);
const readSide = z.object({ ...httpEnv('contacts-read'), ...dbEnv, ...kafkaEnv, ...redisEnv, ...readSideEnv });

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv('contacts-read', readSide, source);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  return assert.fail('expected a ConfigError');
}

describe('env groups', () => {
  it('a service is its groups: the registry names its port variable and default port', () => {
    const config = parseEnv('contacts-read', readSide, { INTERNAL_AUTH_SECRET: SECRET });
    assert.equal(httpPortOf(config, 'contacts-read'), 4102);
    assert.equal(httpPortOf(parseEnv('contacts-read', readSide, { INTERNAL_AUTH_SECRET: SECRET, CONTACTS_READ_PORT: '0' }), 'contacts-read'), 0);
    assert.equal(config.HOST, '127.0.0.1');
    assert.equal(config.DB_MIGRATE, true);
    assert.deepEqual(config.KAFKA_BROKERS, []);
    assert.equal(config.PROCESS_ROLE, 'all');
    assert.equal(config.CACHE_TTL_SECONDS, 300);
  });

  it('PROCESS_ROLE is all, api or projector; the two flags it replaced are refused by name', () => {
    assert.equal(parseEnv('contacts-read', readSide, { INTERNAL_AUTH_SECRET: SECRET, PROCESS_ROLE: 'projector' }).PROCESS_ROLE, 'projector');
    assert.deepEqual(problemsOf({ INTERNAL_AUTH_SECRET: SECRET, PROCESS_ROLE: 'worker' }), [
      'PROCESS_ROLE: must be all, api or projector (got "worker")',
    ]);
    assert.deepEqual(problemsOf({ INTERNAL_AUTH_SECRET: SECRET, READ_API_ENABLED: 'false', PROJECTOR_ENABLED: 'true' }), [
      'READ_API_ENABLED: was replaced by PROCESS_ROLE (all | api | projector) (got "false")',
      'PROJECTOR_ENABLED: was replaced by PROCESS_ROLE (all | api | projector) (got "true")',
    ]);
  });

  it('every group validates its own variables', () => {
    const problems = problemsOf({ CONTACTS_READ_PORT: '70000', DATABASE_URL: 'mysql://x', KAFKA_NAMESPACE: 'a b', REDIS_URL: 'http://r' });
    assert.deepEqual(
      problems.map((p) => p.split(':')[0]),
      ['INTERNAL_AUTH_SECRET', 'CONTACTS_READ_PORT', 'DATABASE_URL', 'KAFKA_NAMESPACE', 'REDIS_URL'],
    );
  });

  it('an unregistered service has no port to name', () => {
    assert.throws(() => httpEnv('nobody'), /services.json registers no service "nobody"/);
  });
});
