import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRegistry, serviceRegistry, servicesInStartOrder, subgraphUrlsFromEnv, workspaceDirs, type ServiceRegistry } from './index';

const service = (name: string, domain: string, side: 'write' | 'read', port: number) => ({
  name,
  domain,
  side,
  dir: `subgraphs/${domain}/${side}`,
  package: `@crm/${name}`,
  port,
  portEnv: `${name.toUpperCase().replace('-', '_')}_PORT`,
  urlEnv: `${name.toUpperCase().replace('-', '_')}_URL`,
  dbSchema: name.replace('-', '_'),
  exports: { start: 'start', parseConfig: 'parseConfig', printSdl: 'printSdl', ...(side === 'read' ? { rebuild: 'rebuild' } : {}) },
  topics: { publishes: [], consumes: [] },
  k8s: { description: name },
});

const valid = (): ServiceRegistry => ({
  workspaces: [{ dir: 'platform', package: '@crm/platform' }],
  domains: [{ name: 'wallets', topic: 'crm.wallets.events', libraries: [] }],
  services: [service('wallets-read', 'wallets', 'read', 4202), service('wallets-write', 'wallets', 'write', 4201)],
});

describe('service registry', () => {
  it('the checked-in services.json is valid and names every service once', () => {
    const registry = serviceRegistry();
    assert.ok(registry.services.length >= 4);
    assert.equal(new Set(registry.services.map((s) => s.name)).size, registry.services.length);
  });

  it('starts write sides before read sides', () => {
    assert.deepEqual(
      servicesInStartOrder(parseRegistry(valid())).map((s) => s.name),
      ['wallets-write', 'wallets-read'],
    );
  });

  it('lists workspaces: non-domain ones, then each domain’s libraries and services', () => {
    assert.deepEqual(workspaceDirs(parseRegistry(valid())), ['platform', 'subgraphs/wallets/read', 'subgraphs/wallets/write']);
  });

  it('takes each subgraph URL from the variable the registry names, else the default local port', () => {
    const registry = parseRegistry(valid());
    assert.deepEqual(subgraphUrlsFromEnv({ WALLETS_READ_URL: 'http://wallets-read:4000/graphql' }, registry), {
      'wallets-read': 'http://wallets-read:4000/graphql',
      'wallets-write': 'http://127.0.0.1:4201/graphql',
    });
  });

  it('refuses a registry with clashes, unknown domains or missing rebuilds, naming each problem', () => {
    const r = valid() as any;
    r.services[1].port = 4202;
    r.services[1].urlEnv = 'WALLETS_READ_URL';
    r.services.push({ ...service('points-write', 'points', 'write', 4301) });
    delete r.services[0].exports.rebuild;
    r.services[0].extra = true;
    assert.throws(
      () => parseRegistry(r),
      (err: Error) => {
        assert.match(err.message, /services\.1\.port: duplicate port "4202"/);
        assert.match(err.message, /services\.1\.urlEnv: duplicate urlEnv "WALLETS_READ_URL"/);
        assert.match(err.message, /services\.2\.domain: unknown domain "points"/);
        assert.match(err.message, /services\.0: Unrecognized key: "extra"/i);
        return true;
      },
    );
    const noRebuild = valid() as any;
    delete noRebuild.services[0].exports.rebuild;
    assert.throws(() => parseRegistry(noRebuild), /services\.0\.exports\.rebuild: a read side names its rebuild export/);
  });
});
