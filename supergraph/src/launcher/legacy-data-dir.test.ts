import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceRegistry } from '@crm/platform/registry';
import { legacyEmbeddedFolders } from './platform';

describe('npm start over a DATA_DIR of an earlier version', () => {
  const services = serviceRegistry().services;

  it('names the per-service embedded databases it would otherwise ignore', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-legacy-'));
    try {
      for (const name of ['contacts-write', 'identity-read']) {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, 'PG_VERSION'), '17\n');
      }
      mkdirSync(join(dir, 'contacts-read')); // an empty folder is not a database
      assert.deepEqual(legacyEmbeddedFolders(dir, services), [join(dir, 'contacts-write'), join(dir, 'identity-read')]);
      // once the shared database exists, the old folders are the user's business
      mkdirSync(join(dir, 'db'));
      assert.deepEqual(legacyEmbeddedFolders(dir, services), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing in a fresh DATA_DIR', () => {
    assert.deepEqual(legacyEmbeddedFolders(join(tmpdir(), 'crm-does-not-exist'), services), []);
  });
});
