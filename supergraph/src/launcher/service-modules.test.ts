import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { serviceRegistry } from '@crm/platform/registry';
import { loadServiceModule } from './service-modules';

describe('services.json and the service packages', () => {
  for (const entry of serviceRegistry().services) {
    it(`${entry.name}: ${entry.package} exports what the registry names`, async () => {
      const mod = await loadServiceModule(entry);
      for (const fn of [mod.start, mod.parseConfig, mod.printSdl]) assert.equal(typeof fn, 'function');
      assert.equal(typeof mod.rebuild, entry.side === 'read' ? 'function' : 'undefined');
      assert.match(await mod.printSdl(), /type Query|extend schema/);
    });
  }

  it('a registry entry naming a missing export is refused with a message naming it', async () => {
    const entry = { ...serviceRegistry().services[0]!, exports: { start: 'startNothing', parseConfig: 'parseConfig', printSdl: 'printSdl' } };
    await assert.rejects(loadServiceModule(entry), /exports\.start names "startNothing", which @crm\/[a-z-]+ does not export as a function/);
  });

  it('the gateway process (gateway and REST facade) loads no subgraph code: it reads the registry as data', () => {
    const gatewayDir = resolve(__dirname, '../gateway');
    const script = `
      require('reflect-metadata');
      require(${JSON.stringify(resolve(gatewayDir, 'env.js'))});
      require(${JSON.stringify(resolve(gatewayDir, 'service.js'))});
      require(${JSON.stringify(resolve(gatewayDir, '../rest/index.js'))});
      const loaded = Object.keys(require.cache).filter((f) => /[\\\\/]subgraphs[\\\\/]/.test(f));
      process.stdout.write(JSON.stringify(loaded));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});
