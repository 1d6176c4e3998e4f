import { z } from 'zod';
import { parse, stringify } from 'yaml';
import { AppError } from '@crm/platform/errors';
import type { AutomationInput } from './automation-rules';
import type { AutomationState } from './automation';
import type { EndpointSettings, WebhookState } from './webhook';

/** The largest document an import takes. */
export const MAX_DOCUMENT_BYTES = 256 * 1024;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const webhookEntry = z.strictObject({
  url: z.string().min(1).max(2000),
  events: z.array(z.string().min(1).max(200)).min(1).max(100),
  description: z.string().max(500).nullable().optional(),
  enabled: z.boolean().optional(),
});

const actionEntry = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('WEBHOOK'), webhook_url: z.string().min(1).max(2000) }),
  z.strictObject({
    type: z.literal('ACTIVITY'),
    name: z.string(),
    description: z.string().nullable().optional(),
    due_in_days: z.number().nullable().optional(),
  }),
  z.strictObject({ type: z.literal('ADAPTER'), adapter: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
]);

const automationEntry = z.strictObject({
  name: z.string().min(1).max(200),
  event: z.string().min(1).max(200),
  enabled: z.boolean().optional(),
  conditions: z.array(z.strictObject({ field: z.string(), operator: z.string(), value: z.union([scalar, z.array(scalar)]) })).optional(),
  actions: z.array(actionEntry),
});

/** The YAML document a tenant's webhooks and automations are exported as and imported from (version 1). */
export const integrationsDocument = z.strictObject({
  version: z.literal(1),
  webhooks: z.array(webhookEntry).max(500).optional(),
  automations: z.array(automationEntry).max(500).optional(),
});

export type IntegrationsDocument = z.output<typeof integrationsDocument>;
type AutomationEntry = z.output<typeof automationEntry>;

const fieldOf = (path: readonly PropertyKey[]) => ['document', ...path.map(String)].join('.');

/** Parses and checks the document's shape (pure): a 400 naming the first bad field, e.g. `document.automations.0.event`. */
export function parseIntegrationsDocument(text: string): IntegrationsDocument {
  if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw AppError.validation('document', `must be at most ${MAX_DOCUMENT_BYTES} bytes`, 'TOO_LONG');
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (err) {
    throw AppError.validation('document', `is not valid YAML: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}`, 'INVALID_VALUE');
  }
  const result = integrationsDocument.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message.replace(/^Invalid input: /, '');
    throw AppError.validation(fieldOf(path), message, 'INVALID_VALUE');
  }
  const doc = result.data;
  const urls = new Set<string>();
  for (const [i, w] of (doc.webhooks ?? []).entries()) {
    if (urls.has(w.url)) throw AppError.validation(`document.webhooks.${i}.url`, 'appears twice in the document', 'INVALID_VALUE');
    urls.add(w.url);
  }
  const names = new Set<string>();
  for (const [i, a] of (doc.automations ?? []).entries()) {
    if (names.has(a.name.trim()))
      throw AppError.validation(`document.automations.${i}.name`, 'appears twice in the document (names identify automations)', 'INVALID_VALUE');
    names.add(a.name.trim());
  }
  return doc;
}

export const webhookSettingsOf = (w: z.output<typeof webhookEntry>): EndpointSettings => ({
  url: w.url,
  events: w.events,
  description: w.description ?? null,
  enabled: w.enabled ?? true,
});

/** An automation entry as the rules take it, its WEBHOOK actions' URLs resolved to endpoint ids (`webhookIdOf` null: not an endpoint). */
export function automationInputOf(entry: AutomationEntry, index: number, webhookIdOf: (url: string) => string | null): AutomationInput {
  return {
    name: entry.name,
    event: entry.event,
    enabled: entry.enabled ?? true,
    conditions: entry.conditions ?? [],
    actions: entry.actions.map((a, j) => {
      switch (a.type) {
        case 'WEBHOOK': {
          const id = webhookIdOf(a.webhook_url);
          if (!id)
            throw AppError.validation(
              `document.automations.${index}.actions.${j}.webhook_url`,
              'is not a webhook endpoint of the tenant or of the document',
              'INVALID_VALUE',
            );
          return { type: 'WEBHOOK', webhookId: id };
        }
        case 'ACTIVITY':
          return { type: 'ACTIVITY', name: a.name, description: a.description ?? null, dueInDays: a.due_in_days ?? null };
        case 'ADAPTER':
          return { type: 'ADAPTER', adapter: a.adapter, params: a.params ?? {} };
      }
    }),
  };
}

/** Rethrows a validation error of one entry with its place in the document (`document.automations.2.conditions.0.value`); sync or async. */
export function inDocument<T>(prefix: string, run: () => T): T {
  const placed = (err: unknown) => {
    if (err instanceof AppError && err.code === 'VALIDATION' && err.field && !err.field.startsWith('document')) {
      const snake = err.field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
      return AppError.validation(`${prefix}.${snake}`, err.message.replace(/^[^:]+: /, ''), err.reason as never);
    }
    return err;
  };
  try {
    const result = run();
    if (result instanceof Promise) {
      return result.catch((err: unknown) => {
        throw placed(err);
      }) as T;
    }
    return result;
  } catch (err) {
    throw placed(err);
  }
}

/** The tenant's webhooks and automations as one YAML document (pure; secrets never, WEBHOOK actions name the endpoint URL). */
export function exportIntegrationsDocument(webhooks: readonly WebhookState[], automations: readonly AutomationState[]): string {
  const urlOf = new Map(webhooks.map((w) => [w.id, w.url]));
  const doc = {
    version: 1,
    webhooks: webhooks.map((w) => ({
      url: w.url,
      events: w.events,
      ...(w.description === null ? {} : { description: w.description }),
      enabled: w.enabled,
    })),
    automations: automations.map((a) => ({
      name: a.name,
      event: a.event,
      enabled: a.enabled,
      conditions: a.conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value })),
      actions: a.actions.map((x) => {
        switch (x.type) {
          case 'WEBHOOK':
            return { type: 'WEBHOOK', webhook_url: urlOf.get(x.webhookId) ?? `deleted-endpoint:${x.webhookId}` };
          case 'ACTIVITY':
            return {
              type: 'ACTIVITY',
              name: x.name,
              ...(x.description === null ? {} : { description: x.description }),
              ...(x.dueInDays === null ? {} : { due_in_days: x.dueInDays }),
            };
          case 'ADAPTER':
            return { type: 'ADAPTER', adapter: x.adapter, params: x.params };
        }
      }),
    })),
  };
  return stringify(doc, { lineWidth: 0 });
}
