#!/usr/bin/env node
// Renders every Kubernetes overlay (k8s/overlays/*) with `kubectl kustomize` and validates every
// object it yields against its API schema: the Kubernetes API (kubernetes-models) and the CRDs
// the manifests use (KEDA, prometheus-operator, Strimzi and CloudNativePG, @kubernetes-models/*), all from npm.
//   node scripts/validate-k8s.mjs [--overlay dev] [--out <dir>]   (--out also writes each render)
// Exit 1 on any object that fails, whose apiVersion/kind has no known schema, or that repeats.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const overlaysDir = join(root, 'k8s/overlays');
const overlays = option('--overlay') ? [option('--overlay')] : readdirSync(overlaysDir).sort();
const outDir = option('--out');

/** apiVersion → the npm module holding its models (one class per kind). */
function modelModule(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'keda.sh' || group === 'eventing.keda.sh') return `@kubernetes-models/keda/${group}/${version}`;
  if (group === 'monitoring.coreos.com') return `@kubernetes-models/prometheus-operator/${group}/${version}`;
  if (group === 'kafka.strimzi.io') return `@kubernetes-models/strimzi-kafka-operator/${group}/${version}`;
  if (group === 'postgresql.cnpg.io') return `@kubernetes-models/cloudnative-pg/${group}/${version}`;
  return group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

const modules = new Map();
async function modelOf(apiVersion, kind) {
  const name = modelModule(apiVersion);
  if (!modules.has(name)) modules.set(name, await import(name).catch(() => null));
  const mod = modules.get(name);
  return mod && typeof mod[kind] === 'function' ? mod[kind] : null;
}

export function render(overlay) {
  const r = spawnSync('kubectl', ['kustomize', join(overlaysDir, overlay)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`kubectl kustomize: ${r.error.message} (kubectl with kustomize is needed on PATH)`);
  if (r.status !== 0) throw new Error(`kubectl kustomize k8s/overlays/${overlay} failed:\n${r.stderr}`);
  return r.stdout;
}

/** Every problem of one rendered overlay, as lines; the objects counted per kind. */
export async function validateRendered(text) {
  const problems = [];
  const kinds = {};
  const seen = new Set();
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      problems.push(`YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    const id = `${obj.kind ?? '?'} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name ?? '?'}`;
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') {
      problems.push(`${id}: needs apiVersion, kind and metadata.name`);
      continue;
    }
    const key = `${obj.apiVersion.split('/')[0]} ${id}`;
    if (seen.has(key)) problems.push(`${id}: appears twice`);
    seen.add(key);
    const Model = await modelOf(obj.apiVersion, obj.kind);
    if (!Model) {
      problems.push(`${id}: no schema known for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (err) {
      problems.push(`${id} (${obj.apiVersion}): ${err.message}`);
      continue;
    }
    kinds[obj.kind] = (kinds[obj.kind] ?? 0) + 1;
  }
  return { problems, kinds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = false;
  for (const overlay of overlays) {
    const text = render(overlay);
    if (outDir) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, `${overlay}.yaml`), text);
    }
    const { problems, kinds } = await validateRendered(text);
    const total = Object.values(kinds).reduce((a, b) => a + b, 0);
    const summary = Object.entries(kinds)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    if (problems.length > 0) {
      failed = true;
      console.error(`k8s/overlays/${overlay}: ${problems.length} invalid object(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    console.log(`k8s/overlays/${overlay}: ${total} objects valid (${summary})`);
  }
  process.exit(failed ? 1 : 0);
}
