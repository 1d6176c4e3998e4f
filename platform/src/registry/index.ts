import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The service registry: `services.json` at the repository root, data only. Everything shared
 * (launcher, compose, the gateway's URL list, the rebuild/DLQ CLIs, the test runner, lint
 * boundaries, the Dockerfile, k8s, the bench) reads it, so adding a domain edits that file and
 * nothing else shared. This module imports no subgraph code: the gateway may use it.
 */
const NAME = /^[a-z][a-z0-9-]*$/;
const ENV = /^[A-Z][A-Z0-9_]*$/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const TOPIC = /^crm\.[a-z][a-z0-9_-]*\.events$/;

const workspaceSchema = z.strictObject({
  dir: z.string().min(1),
  package: z.string().regex(/^@crm\/[a-z0-9-]+$/),
  /** false: not in the container image (e.g. the bench). */
  image: z.boolean().optional(),
});

const serviceSchema = z.strictObject({
  name: z.string().regex(NAME),
  domain: z.string().regex(NAME),
  side: z.enum(['write', 'read']),
  dir: z.string().min(1),
  package: z.string().regex(/^@crm\/[a-z0-9-]+$/),
  /** Default local port (`npm start`); containers all listen on the same port (k8s). */
  port: z.number().int().min(1).max(65535),
  portEnv: z.string().regex(ENV),
  /** Env var the gateway reads for the subgraph's GraphQL URL in a multi-process deployment. */
  urlEnv: z.string().regex(ENV),
  /** PostgreSQL schema the service owns (also in the shared embedded database). */
  dbSchema: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Export names of the service's package: start(config, deps), parseConfig(env), printSdl(), rebuild(options). */
  exports: z.strictObject({
    start: z.string().regex(IDENT),
    parseConfig: z.string().regex(IDENT),
    printSdl: z.string().regex(IDENT),
    rebuild: z.string().regex(IDENT).optional(),
  }),
  topics: z.strictObject({ publishes: z.array(z.string().regex(TOPIC)), consumes: z.array(z.string().regex(TOPIC)) }),
  k8s: z.strictObject({
    description: z.string().min(1),
    redis: z.boolean().optional(),
    readReplica: z.boolean().optional(),
    separateProjector: z.boolean().optional(),
    hpa: z.boolean().optional(),
    secrets: z.array(z.strictObject({ env: z.string().regex(ENV), key: z.string().regex(NAME) })).optional(),
    /** Ports the service reaches outside the cluster (e.g. webhook delivery to tenants' URLs: 80, 443). */
    egressPorts: z.array(z.int().min(1).max(65535)).optional(),
    /** The service calls other domains through the gateway (DESIGN.md §10): egress to the gateway pods. */
    callsGateway: z.boolean().optional(),
  }),
});

const registrySchema = z
  .strictObject({
    $comment: z.string().optional(),
    workspaces: z.array(workspaceSchema),
    domains: z.array(
      z.strictObject({
        name: z.string().regex(NAME),
        topic: z.string().regex(TOPIC),
        libraries: z.array(workspaceSchema),
        /** An example domain (kept to prove the generator's output): in tests and compose, not in `npm start` unless EXAMPLE_DOMAINS=true. */
        example: z.boolean().optional(),
      }),
    ),
    services: z.array(serviceSchema).min(1),
  })
  .superRefine((r, ctx) => {
    const seen = new Map<string, string>();
    const unique = (kind: string, value: string, path: (string | number)[]) => {
      const key = `${kind}:${value}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path, message: `duplicate ${kind} "${value}" (also ${seen.get(key)})` });
      else seen.set(key, path.join('.'));
    };
    const domains = new Set(r.domains.map((d) => d.name));
    r.services.forEach((s, i) => {
      for (const [kind, value] of [
        ['name', s.name],
        ['dir', s.dir],
        ['package', s.package],
        ['port', String(s.port)],
        ['portEnv', s.portEnv],
        ['urlEnv', s.urlEnv],
        ['dbSchema', s.dbSchema],
      ] as const)
        unique(kind, value, ['services', i, kind]);
      if (!domains.has(s.domain)) ctx.addIssue({ code: 'custom', path: ['services', i, 'domain'], message: `unknown domain "${s.domain}"` });
      if (s.side === 'read' && !s.exports.rebuild)
        ctx.addIssue({ code: 'custom', path: ['services', i, 'exports', 'rebuild'], message: 'a read side names its rebuild export' });
    });
    for (const d of r.domains) {
      if (!r.services.some((s) => s.domain === d.name && s.side === 'write'))
        ctx.addIssue({ code: 'custom', path: ['domains'], message: `domain "${d.name}" has no write service` });
    }
  });

export type ServiceEntry = z.infer<typeof serviceSchema>;
export type ServiceRegistry = z.infer<typeof registrySchema>;
export type WorkspaceEntry = z.infer<typeof workspaceSchema>;

/** Validates a registry document; throws an Error listing every problem. */
export function parseRegistry(document: unknown): ServiceRegistry {
  const result = registrySchema.safeParse(document);
  if (!result.success) {
    throw new Error(`services.json is invalid:\n${result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  }
  return result.data;
}

/** The repository root: the nearest folder above this module holding services.json. */
export function registryPath(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'services.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`services.json not found above ${from}`);
    dir = parent;
  }
}

let cached: ServiceRegistry | undefined;

/** The registry of this checkout (or image), read once and validated. */
export function serviceRegistry(): ServiceRegistry {
  cached ??= parseRegistry(JSON.parse(readFileSync(registryPath(), 'utf8')));
  return cached;
}

/**
 * Registered services in start order: every write side, then every read side (registry order
 * within each). Example domains' services only with `examples` (tests; `EXAMPLE_DOMAINS=true`).
 */
export function servicesInStartOrder(registry: ServiceRegistry = serviceRegistry(), options: { examples?: boolean } = {}): ServiceEntry[] {
  const example = new Set(registry.domains.filter((d) => d.example).map((d) => d.name));
  const started = registry.services.filter((s) => options.examples || !example.has(s.domain));
  return [...started.filter((s) => s.side === 'write'), ...started.filter((s) => s.side === 'read')];
}

/** Every workspace dir: non-domain workspaces first (as listed), then each domain's libraries and services. */
export function workspaceDirs(registry: ServiceRegistry = serviceRegistry()): string[] {
  const domainDirs = registry.domains.flatMap((d) => [
    ...d.libraries.map((l) => l.dir),
    ...registry.services.filter((s) => s.domain === d.name).map((s) => s.dir),
  ]);
  return [...registry.workspaces.map((w) => w.dir), ...domainDirs];
}

/** Subgraph name → GraphQL URL from the environment (the variables the registry names), else the default local port. */
export function subgraphUrlsFromEnv(env: Record<string, unknown>, registry: ServiceRegistry = serviceRegistry()): Record<string, string> {
  return Object.fromEntries(registry.services.map((s) => [s.name, (env[s.urlEnv] as string | undefined) || `http://127.0.0.1:${s.port}/graphql`]));
}
