import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { serviceRegistry } from '@crm/platform/registry';

const ROOT = resolve(__dirname, '../../..');
/** Every registered service's own process (services.json), and the gateway. */
const MAINS: Record<string, string> = {
  ...Object.fromEntries(serviceRegistry().services.map((s) => [s.name, `${s.dir}/dist/main.js`])),
  gateway: 'supergraph/dist/gateway/main.js',
};

function run(main: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [resolve(ROOT, main)], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });
}

describe('each service validates its configuration before starting', () => {
  for (const [name, main] of Object.entries(MAINS)) {
    it(`${name}: lists every problem at once and exits 78`, () => {
      const r = run(main, { INTERNAL_AUTH_SECRET: 'short', LOG_LEVEL: 'loud', KAFKA_BROKERS: '', DB_MIGRATE: 'maybe', GATEWAY_PORT: '99999' });
      assert.equal(r.status, 78, r.stderr);
      assert.match(r.stderr, new RegExp(`invalid configuration for ${name}`));
      assert.match(r.stderr, /INTERNAL_AUTH_SECRET: must be at least 32 characters \(got "\*\*\*"\)/, 'secrets are not echoed');
      assert.match(r.stderr, /LOG_LEVEL/);
      if (name !== 'gateway') assert.match(r.stderr, /DB_MIGRATE: must be true or false/);
      else assert.match(r.stderr, /GATEWAY_PORT: must be between 0 and 65535/);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
    });
  }

  it('gateway: refuses the development authenticator in production', () => {
    const r = run(MAINS['gateway']!, { INTERNAL_AUTH_SECRET: 'x'.repeat(40), NODE_ENV: 'production', DEV_AUTH_ENABLED: 'true' });
    assert.equal(r.status, 78, r.stderr);
    assert.match(r.stderr, /DEV_AUTH_ENABLED: must not be true when NODE_ENV=production/);
  });
});
