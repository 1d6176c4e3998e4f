import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { databaseFingerprint, demoCredentialsPath, ensureDemoTenant } from './bootstrap';

/** An identity service with one in-memory set of tenants per database. */
function fakeIdentity(tenants: Set<string>) {
  let n = 0;
  return {
    created: 0,
    async createTenant() {
      this.created++;
      const tenantId = `0190a000-0000-7000-8000-${String(++n).padStart(12, '0')}${tenants.size}`.slice(0, 36);
      tenants.add(tenantId);
      return { tenantId, ownerUserId: 'u', applicationId: 'a', publicApiKey: `crm_pk_live_${tenantId}`, secretApiKey: `crm_sk_live_${tenantId}` };
    },
    async tenantExists(id: string) {
      return tenants.has(id);
    },
  };
}

describe('demo tenant bootstrap, per database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-bootstrap-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const PG = 'postgres://postgres:s3cret@127.0.0.1:5432/postgres?sslmode=disable';

  it('fingerprints a database without its credentials', () => {
    assert.equal(databaseFingerprint(undefined), 'embedded');
    assert.equal(databaseFingerprint(''), 'embedded');
    assert.equal(databaseFingerprint(PG), 'postgres://127.0.0.1:5432/postgres');
    assert.equal(databaseFingerprint('postgresql://app@db.internal/crm'), 'postgres://db.internal:5432/crm');
    assert.equal(basename(demoCredentialsPath(dataDir, 'embedded')), 'demo-credentials.json');
    assert.equal(basename(demoCredentialsPath(dataDir, databaseFingerprint(PG))), 'demo-credentials.127.0.0.1-5432-postgres.json');
  });

  it('creates the tenant once per database, and writes each database its own file', async () => {
    const embedded = fakeIdentity(new Set());
    const first = await ensureDemoTenant(embedded, dataDir, undefined);
    assert.equal(first.created, true);
    assert.equal(first.path, join(dataDir, 'demo-credentials.json'));
    const onDisk = JSON.parse(readFileSync(first.path, 'utf8'));
    assert.equal(onDisk.database, 'embedded');
    assert.equal(onDisk.tenantId, first.credentials.tenantId);
    assert.equal(statSync(first.path).mode & 0o777, 0o600);

    const restart = await ensureDemoTenant(embedded, dataDir, undefined);
    assert.equal(restart.created, false);
    assert.equal(restart.credentials.publicApiKey, first.credentials.publicApiKey);
    assert.equal(embedded.created, 1);

    // the same data folder, now against PostgreSQL: that database has no demo tenant yet
    const postgres = fakeIdentity(new Set());
    const switched = await ensureDemoTenant(postgres, dataDir, PG);
    assert.equal(switched.created, true, 'a database without the tenant gets one');
    assert.notEqual(switched.path, first.path);
    assert.equal(JSON.parse(readFileSync(switched.path, 'utf8')).database, 'postgres://127.0.0.1:5432/postgres');
    assert.doesNotMatch(readFileSync(switched.path, 'utf8'), /s3cret/, 'no database password in the file');
    assert.equal(JSON.parse(readFileSync(first.path, 'utf8')).tenantId, first.credentials.tenantId, 'the embedded database keeps its file');

    const back = await ensureDemoTenant(embedded, dataDir, undefined);
    assert.equal(back.created, false, 'back on the embedded database: its own tenant again');
    assert.equal(back.credentials.tenantId, first.credentials.tenantId);
  });

  it('bootstraps again when the database no longer has the tenant its file names (a reset database)', async () => {
    const reset = fakeIdentity(new Set());
    const again = await ensureDemoTenant(reset, dataDir, PG);
    assert.equal(again.created, true);
    assert.equal(reset.created, 1);
    assert.equal(JSON.parse(readFileSync(again.path, 'utf8')).tenantId, again.credentials.tenantId);
  });

  it('does not trust a file recorded for another database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-bootstrap-other-'));
    try {
      const tenants = new Set(['0190a000-0000-7000-8000-000000000001']);
      writeFileSync(
        join(dir, 'demo-credentials.json'),
        JSON.stringify({
          database: 'postgres://elsewhere:5432/x',
          tenantId: '0190a000-0000-7000-8000-000000000001',
          publicApiKey: 'k',
          secretApiKey: 'k',
          adminEmail: 'e',
          adminPassword: 'p',
        }),
      );
      const identity = fakeIdentity(tenants);
      const result = await ensureDemoTenant(identity, dir, undefined);
      assert.equal(result.created, true);
      assert.equal(JSON.parse(readFileSync(result.path, 'utf8')).database, 'embedded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
