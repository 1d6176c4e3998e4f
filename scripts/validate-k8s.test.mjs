// node --test scripts/validate-k8s.test.mjs: the validator refuses what the cluster would refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, validateRendered } from './validate-k8s.mjs';

const deployment = (spec) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: crm }
spec: ${JSON.stringify(spec)}
`;
const podSpec = { containers: [{ name: 'web', image: 'crm-platform:1' }] };

test('a valid Deployment passes; wrong types, missing required fields and unknown kinds fail', async () => {
  const ok = await validateRendered(deployment({ selector: { matchLabels: { app: 'web' } }, template: { spec: podSpec } }));
  assert.deepEqual(ok, { problems: [], kinds: { Deployment: 1 } });

  const typed = await validateRendered(deployment({ replicas: 'three', selector: { matchLabels: { app: 'web' } }, template: { spec: podSpec } }));
  assert.match(typed.problems.join('\n'), /Deployment crm\/web .*replicas must be integer/);

  const missing = await validateRendered(deployment({ template: { spec: podSpec } }));
  assert.match(missing.problems.join('\n'), /required property selector/);

  const unknown = await validateRendered('apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n');
  assert.match(unknown.problems.join('\n'), /no schema known for example.com\/v1 Widget/);
});

test('CRDs are checked against their own schemas (KEDA, prometheus-operator)', async () => {
  const scaled = await validateRendered(`apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: p }
spec: { scaleTargetRef: { name: p }, triggers: [{ type: kafka, metadata: { lagThreshold: "100" } }] }
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: q }
spec: { triggers: [] }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: r }
spec: { groups: [{ name: g, rules: [{ alert: A }] }] }
`);
  assert.equal(scaled.kinds.ScaledObject, 1, scaled.problems.join('\n'));
  assert.match(scaled.problems.join('\n'), /ScaledObject q .*scaleTargetRef/);
  assert.match(scaled.problems.join('\n'), /PrometheusRule r .*expr/);
});

test('the same object twice is refused', async () => {
  const twice = await validateRendered(
    'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n',
  );
  assert.match(twice.problems.join('\n'), /ConfigMap c: appears twice/);
});

test('every overlay renders and validates', async () => {
  for (const overlay of ['dev', 'staging', 'prod']) {
    const { problems, kinds } = await validateRendered(render(overlay));
    assert.deepEqual(problems, [], overlay);
    assert.ok(kinds.Deployment > 0 && kinds.NetworkPolicy > 0, overlay);
  }
});

test('staging and prod monitor every service, scale every projector with KEDA, run Kafka topics and PostgreSQL roles for every domain, and every alert uses a metric the code exports', async () => {
  const { readFileSync, readdirSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { parseAllDocuments } = await import('yaml');
  const root = new URL('..', import.meta.url).pathname;
  const sources = (dir) =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return sources(p);
      return n.endsWith('.ts') && !n.endsWith('.test.ts') ? [readFileSync(p, 'utf8')] : [];
    });
  const code = [...sources(join(root, 'platform/src')), ...sources(join(root, 'event-bus/src'))].join('\n');
  const registry = JSON.parse(readFileSync(join(root, 'services.json'), 'utf8'));
  // example domains are not deployed (scripts/generate-k8s.mjs)
  const examples = new Set(registry.domains.filter((d) => d.example).map((d) => d.name));
  const deployed = registry.services.filter((s) => !examples.has(s.domain));
  for (const overlay of ['staging', 'prod']) {
    const objects = parseAllDocuments(render(overlay)).map((d) => d.toJS());
    const monitors = objects.filter((o) => o.kind === 'ServiceMonitor').map((o) => o.spec.selector.matchLabels['app.kubernetes.io/name']);
    assert.deepEqual(monitors.sort(), ['gateway', ...deployed.map((s) => s.name)].sort(), overlay);
    const scaled = objects.filter((o) => o.kind === 'ScaledObject').map((o) => o.spec.scaleTargetRef.name);
    const projectors = objects.filter((o) => o.kind === 'Deployment' && o.metadata.name.endsWith('-projector')).map((o) => o.metadata.name);
    assert.ok(projectors.length > 0, overlay);
    assert.deepEqual(scaled.sort(), projectors.sort(), `${overlay}: every projector scales on its lag`);
    const topics = objects.filter((o) => o.kind === 'KafkaTopic').map((o) => o.spec.topicName);
    const domainTopics = registry.domains.filter((d) => !d.example).flatMap((d) => [d.topic, `${d.topic}.dlq`]);
    assert.deepEqual(topics.sort(), domainTopics.sort(), `${overlay}: a KafkaTopic per domain topic and DLQ`);
    for (const t of objects.filter((o) => o.kind === 'KafkaTopic'))
      assert.equal(t.spec.config['retention.ms'], -1, `${overlay}: ${t.spec.topicName} kept forever`);
    const cluster = objects.find((o) => o.kind === 'Cluster');
    assert.ok(cluster.spec.instances >= 3, `${overlay}: a primary and two replicas`);
    assert.deepEqual(
      cluster.spec.managed.roles.map((r) => r.name).sort(),
      deployed.map((s) => s.dbSchema).sort(),
      `${overlay}: a PostgreSQL role per service`,
    );
    const rule = objects.find((o) => o.kind === 'PrometheusRule');
    const exprs = rule.spec.groups.flatMap((g) => g.rules.map((r) => r.expr));
    assert.ok(exprs.length >= 5, overlay);
    const metrics = new Set(
      exprs.flatMap((e) => [...e.matchAll(/\b([a-z]+(?:_[a-z0-9]+)+)\b/g)].map((m) => m[1])).filter((n) => n !== 'histogram_quantile'),
    );
    for (const m of metrics) {
      const base = m.replace(/_(bucket|count|sum)$/, '');
      assert.ok(code.includes(`'${base}'`), `${overlay}: alert metric ${m} is exported by no service`);
    }
  }
});
