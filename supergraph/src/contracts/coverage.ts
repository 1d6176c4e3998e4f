/**
 * Contract coverage: which Self-Service operations of the committed contract the REST facade
 * serves, and which Back-Office routes it serves (there is no published Back-Office contract).
 * Computed from the facade's real route table (`restRoutes()`), never from a hand-kept list.
 * Pure: the CLI and `compose` feed it the contract and the routes and write what it renders.
 */

export const SELF_SERVICE_PREFIX = '/self-service/v2/';
export const BACK_OFFICE_PREFIX = '/backoffice/v2/';

export interface ContractOperation {
  method: string; // upper case
  path: string; // the contract's template, e.g. /self-service/v2/contacts/{id}
  operationId: string;
  tag: string;
}

export interface ServedRoute {
  method: string; // upper case
  pattern: string; // the router's template, e.g. /self-service/v2/contacts/:id
}

/** The shape of a route-table entry this module needs (the router's `Route`). */
export interface RouteLike {
  pattern: string;
  handlers: Partial<Record<string, unknown>>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
const UNTAGGED = '(untagged)';

/**
 * A path template with its parameter names erased, so `/contacts/{id}`, `/contacts/{contact_id}`
 * and `/contacts/:id` compare equal; literal segments stay; one trailing slash is ignored.
 */
export function normaliseTemplate(template: string): string {
  const trimmed = template.length > 1 && template.endsWith('/') ? template.slice(0, -1) : template;
  return trimmed
    .split('/')
    .map((segment) => (/^\{[^/{}]+\}$/.test(segment) || /^:[^/]+$/.test(segment) ? '{}' : segment))
    .join('/');
}

const keyOf = (method: string, template: string): string => `${method.toUpperCase()} ${normaliseTemplate(template)}`;

/** Every operation of an OpenAPI-shaped contract (`paths.<template>.<method>`), with its first tag. */
export function contractOperations(contract: unknown): ContractOperation[] {
  const paths = (contract as { paths?: Record<string, Record<string, { operationId?: unknown; tags?: unknown }>> }).paths ?? {};
  const out: ContractOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [];
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: typeof op.operationId === 'string' ? op.operationId : '',
        tag: tags[0] ?? UNTAGGED,
      });
    }
  }
  return out;
}

/** One entry per method of each route of the route table. */
export function servedRoutes(routes: readonly RouteLike[]): ServedRoute[] {
  return routes.flatMap((route) =>
    Object.keys(route.handlers)
      .filter((method) => route.handlers[method] !== undefined)
      .map((method) => ({ method: method.toUpperCase(), pattern: route.pattern })),
  );
}

export interface OperationCoverage extends ContractOperation {
  /** The route template that serves it, or null. */
  servedBy: string | null;
}

export interface TagCoverage {
  tag: string;
  served: number;
  total: number;
  operations: OperationCoverage[];
}

export interface Coverage {
  selfService: { served: number; total: number; tags: TagCoverage[] };
  /** Self-Service routes we serve that the contract does not have (should stay empty). */
  selfServiceNotInContract: ServedRoute[];
  /** Back-Office routes we serve, grouped by resource (the first segment after the prefix). */
  backOffice: { total: number; resources: { resource: string; routes: ServedRoute[] }[] };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];
const byRoute = (a: { method: string; path?: string; pattern?: string }, b: typeof a): number =>
  byText(a.path ?? a.pattern ?? '', b.path ?? b.pattern ?? '') || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method);

/** Matches contract operations to served routes by method and parameter-name-blind template. */
export function computeCoverage(operations: readonly ContractOperation[], routes: readonly ServedRoute[]): Coverage {
  const served = new Map<string, string>();
  for (const r of routes) if (!served.has(keyOf(r.method, r.pattern))) served.set(keyOf(r.method, r.pattern), r.pattern);

  const tags = new Map<string, OperationCoverage[]>();
  for (const op of operations) {
    const list = tags.get(op.tag) ?? [];
    list.push({ ...op, servedBy: served.get(keyOf(op.method, op.path)) ?? null });
    tags.set(op.tag, list);
  }
  const tagList: TagCoverage[] = [...tags]
    .sort(([a], [b]) => byText(a, b))
    .map(([tag, ops]) => ({ tag, served: ops.filter((o) => o.servedBy !== null).length, total: ops.length, operations: [...ops].sort(byRoute) }));

  const inContract = new Set(operations.map((op) => keyOf(op.method, op.path)));
  const selfServiceNotInContract = routes
    .filter((r) => r.pattern.startsWith(SELF_SERVICE_PREFIX) && !inContract.has(keyOf(r.method, r.pattern)))
    .sort(byRoute);

  const resources = new Map<string, ServedRoute[]>();
  for (const r of routes) {
    if (!r.pattern.startsWith(BACK_OFFICE_PREFIX)) continue;
    const resource = r.pattern.slice(BACK_OFFICE_PREFIX.length).split('/')[0]!;
    resources.set(resource, [...(resources.get(resource) ?? []), r]);
  }
  return {
    selfService: { served: tagList.reduce((n, t) => n + t.served, 0), total: operations.length, tags: tagList },
    selfServiceNotInContract,
    backOffice: {
      total: [...resources.values()].reduce((n, list) => n + list.length, 0),
      resources: [...resources].sort(([a], [b]) => byText(a, b)).map(([resource, list]) => ({ resource, routes: [...list].sort(byRoute) })),
    },
  };
}

const percent = (served: number, total: number): string => (total === 0 ? '–' : `${Math.round((served / total) * 100)}%`);
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The coverage as Markdown (schema/rest/coverage.md). */
export function renderCoverage(c: Coverage, contractFile: string): string {
  const lines: string[] = [
    '# REST contract coverage',
    '',
    `Generated by \`npm run contracts:coverage\` (and \`npm run compose\`) from the committed Self-Service contract`,
    `(\`${contractFile}\`) and the REST facade's route table (\`restRoutes()\`); do not edit by hand.`,
    '`node supergraph/dist/compose.js --check` fails when it is out of date.',
    'Paths are matched by method and template, whatever the parameters are called (`{id}` = `:id`).',
    '',
    '## Totals',
    '',
    `- Self-Service: **${c.selfService.served} of ${c.selfService.total}** operations served (${percent(c.selfService.served, c.selfService.total)}), ` +
      `${c.selfService.tags.filter((t) => t.served > 0).length} of ${c.selfService.tags.length} tags touched.`,
    `- Self-Service routes served that the contract does not have: ${c.selfServiceNotInContract.length}.`,
    `- Back-Office: ${c.backOffice.total} operations served on ${c.backOffice.resources.length} resources (no published contract to compare with).`,
    '',
    '## Self-Service, per tag',
    '',
    '| Tag | Served | Total | |',
    '| --- | ---: | ---: | ---: |',
    ...c.selfService.tags.map((t) => `| ${cell(t.tag)} | ${t.served} | ${t.total} | ${percent(t.served, t.total)} |`),
    `| **All** | **${c.selfService.served}** | **${c.selfService.total}** | ${percent(c.selfService.served, c.selfService.total)} |`,
    '',
  ];
  if (c.selfServiceNotInContract.length > 0) {
    lines.push('## Self-Service routes not in the contract', '', ...c.selfServiceNotInContract.map((r) => `- \`${r.method} ${r.pattern}\``), '');
  }
  lines.push('## Self-Service operations', '');
  for (const t of c.selfService.tags) {
    lines.push(`### ${t.tag} (${t.served}/${t.total})`, '', '| Served | Method | Path | operationId |', '| --- | --- | --- | --- |');
    for (const op of t.operations) lines.push(`| ${op.servedBy ? 'yes' : 'no'} | ${op.method} | \`${op.path}\` | ${cell(op.operationId)} |`);
    lines.push('');
  }
  lines.push('## Back-Office routes served', '');
  for (const r of c.backOffice.resources) {
    lines.push(`### ${r.resource} (${r.routes.length})`, '', ...r.routes.map((route) => `- \`${route.method} ${route.pattern}\``), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
