import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ConfigError, parseEnv } from './load-env';
import { envBool, envInt, envList, envPort, envUrl, internalAuthSecret, logLevel } from './fields';

const schema = z.object({
  PORT: envPort(4000),
  DEBUG: envBool(false),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  INTERNAL_AUTH_SECRET: internalAuthSecret,
  API_KEY: z.string().min(20),
  KAFKA_BROKERS: envList(),
  LOG_LEVEL: logLevel,
});

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ConfigError');
}

describe('parseEnv', () => {
  it('returns the parsed, defaulted and frozen configuration', () => {
    const env = parseEnv('svc', schema, {
      INTERNAL_AUTH_SECRET: 's'.repeat(32),
      API_KEY: 'k'.repeat(20),
      KAFKA_BROKERS: 'a:9092, b:9092',
      UNRELATED: 'ignored',
    });
    assert.equal(env.DATABASE_URL, undefined);
    assert.deepEqual(env, {
      PORT: 4000,
      DEBUG: false,
      INTERNAL_AUTH_SECRET: 's'.repeat(32),
      API_KEY: 'k'.repeat(20),
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
      LOG_LEVEL: 'info',
    });
    assert.ok(Object.isFrozen(env));
  });

  it('lists every problem at once, not only the first', () => {
    const err = configErrorOf(() =>
      parseEnv('contacts-write', schema, {
        PORT: '70000',
        DEBUG: 'maybe',
        DATABASE_URL: 'mysql://db:3306/x',
        API_KEY: 'short',
        LOG_LEVEL: 'verbose',
      }),
    );
    assert.equal(err.service, 'contacts-write');
    const keys = err.problems.map((p) => p.split(':')[0]);
    assert.deepEqual([...keys].sort(), ['API_KEY', 'DATABASE_URL', 'DEBUG', 'INTERNAL_AUTH_SECRET', 'LOG_LEVEL', 'PORT']);
    assert.match(err.message, /invalid configuration for contacts-write/);
    for (const p of err.problems) assert.ok(err.message.includes(p), `message lists "${p}"`);
    assert.ok(err.problems.some((p) => p.startsWith('PORT: must be between 0 and 65535') && p.includes('"70000"')));
    assert.ok(err.problems.some((p) => p.startsWith('DEBUG: must be true or false') && p.includes('"maybe"')));
    assert.ok(err.problems.some((p) => p.startsWith('INTERNAL_AUTH_SECRET: is required')));
  });

  it('redacts the values of secret-looking variables', () => {
    const err = configErrorOf(() => parseEnv('svc', schema, { INTERNAL_AUTH_SECRET: 'tooshort-secret-value', API_KEY: 'my-api-key-value' }));
    assert.equal(err.problems.length, 2);
    assert.ok(!err.message.includes('tooshort-secret-value'), err.message);
    assert.ok(!err.message.includes('my-api-key-value'), err.message);
    for (const p of err.problems) assert.match(p, /\(got "\*\*\*"\)$/);
  });

  it('redacts a password embedded in a URL value', () => {
    const err = configErrorOf(() =>
      parseEnv('svc', schema, {
        INTERNAL_AUTH_SECRET: 's'.repeat(32),
        API_KEY: 'k'.repeat(20),
        DATABASE_URL: 'mysql://admin:hunter2-p4ss@db.internal:3306/crm',
      }),
    );
    assert.equal(err.problems.length, 1);
    assert.ok(!err.message.includes('hunter2-p4ss'), err.message);
    assert.match(err.message, /DATABASE_URL: must be a URL with scheme postgres or postgresql/);
    assert.match(err.message, /db\.internal/);
  });
});

describe('env field helpers', () => {
  const parse = <S extends z.ZodType>(field: S, value: string | undefined) => z.object({ V: field }).safeParse({ V: value });
  const ok = <S extends z.ZodType>(field: S, value: string | undefined): unknown => {
    const r = parse(field, value);
    assert.ok(r.success, `expected ${JSON.stringify(value)} to be accepted`);
    return (r.data as { V: unknown }).V;
  };
  const bad = <S extends z.ZodType>(field: S, value: string | undefined): string => {
    const r = parse(field, value);
    assert.ok(!r.success, `expected ${JSON.stringify(value)} to be rejected`);
    return r.error.issues.map((i) => i.message).join('; ');
  };

  it('envBool', () => {
    assert.equal(ok(envBool(true), undefined), true);
    assert.equal(ok(envBool(false), undefined), false);
    for (const v of ['true', '1', 'yes']) assert.equal(ok(envBool(false), v), true);
    for (const v of ['false', '0', 'no']) assert.equal(ok(envBool(true), v), false);
    for (const v of ['maybe', 'TRUE ', '', '2']) assert.equal(bad(envBool(false), v), 'must be true or false');
  });

  it('envInt and envPort', () => {
    assert.equal(ok(envInt(7), undefined), 7);
    assert.equal(ok(envInt(7), '42'), 42);
    assert.equal(ok(envInt(7, 1, 10), '10'), 10);
    assert.match(bad(envInt(7, 1, 10), '11'), /must be between 1 and 10/);
    assert.match(bad(envInt(7, 1, 10), '0'), /must be between 1 and 10/);
    for (const v of ['-1', '4.5', '1e3', 'abc', '', ' 3']) assert.match(bad(envInt(7), v), /must be a whole number/);
    assert.equal(ok(envPort(8080), undefined), 8080);
    assert.equal(ok(envPort(8080), '0'), 0);
    assert.equal(ok(envPort(8080), '65535'), 65535);
    assert.match(bad(envPort(8080), '65536'), /must be between 0 and 65535/);
  });

  it('envUrl', () => {
    const redis = envUrl(['redis', 'rediss']);
    assert.equal(ok(redis, undefined), undefined);
    assert.equal(ok(redis, ''), undefined);
    assert.equal(ok(redis, 'redis://127.0.0.1:6379'), 'redis://127.0.0.1:6379');
    assert.equal(ok(redis, 'rediss://cache:6380/1'), 'rediss://cache:6380/1');
    assert.match(bad(redis, 'http://cache:6379'), /must be a URL with scheme redis or rediss/);
    assert.match(bad(redis, 'not a url'), /must be a URL/);
  });

  it('envList', () => {
    assert.deepEqual(ok(envList(), undefined), []);
    assert.deepEqual(ok(envList(), '   '), []);
    assert.deepEqual(ok(envList(), ' a:1, b:2 ,,c:3 '), ['a:1', 'b:2', 'c:3']);
  });

  it('logLevel and internalAuthSecret', () => {
    assert.equal(ok(logLevel, undefined), 'info');
    assert.equal(ok(logLevel, 'debug'), 'debug');
    bad(logLevel, 'verbose');
    assert.equal(ok(internalAuthSecret, 'x'.repeat(32)), 'x'.repeat(32));
    assert.match(bad(internalAuthSecret, 'x'.repeat(31)), /at least 32 characters/);
    assert.match(bad(internalAuthSecret, undefined), /is required/);
  });
});
