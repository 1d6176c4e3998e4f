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
