import type { DataSource } from 'typeorm';
import type { RequestContext } from '@crm/event-bus/kit';
import {
  automationInputOf,
  exportIntegrationsDocument,
  inDocument,
  parseIntegrationsDocument,
  webhookSettingsOf,
} from '../domain/integrations-document';
import { normaliseAutomation } from '../domain/automation-rules';
import { normaliseSettings } from '../domain/endpoint-rules';
import { allAutomations } from '../persistence/automation-store';
import { ENDPOINT_COLUMNS, toState } from '../persistence/webhook-store';
import type { WebhookState } from '../domain/webhook';
import type { AutomationCommands } from './automation-commands';
import type { WebhookCommands } from './webhook-commands';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  webhooks: ImportCounts;
  automations: ImportCounts;
  /** The signing secrets of the endpoints this import created (shown this once). */
  secrets: { url: string; id: string; secret: string }[];
}

const sameEndpoint = (a: Pick<WebhookState, 'url' | 'events' | 'description' | 'enabled'>, b: typeof a) =>
  a.url === b.url && a.enabled === b.enabled && a.description === b.description && JSON.stringify(a.events) === JSON.stringify(b.events);

/**
 * Export and import of a tenant's webhooks and automations as one YAML document. Webhooks are
 * identified by URL and automations by name, so importing the same document twice changes nothing
 * the second time. The whole document is checked (shape, event types, addresses, conditions,
 * actions, WEBHOOK references) before anything is written.
 */
export class IntegrationsDocumentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhookCommands,
    private readonly automations: AutomationCommands,
    private readonly eventTypes: ReadonlySet<string>,
  ) {}

  private async endpoints(tenantId: string): Promise<WebhookState[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND NOT deleted ORDER BY created_at, id`,
      [tenantId],
    )) as Parameters<typeof toState>[0][];
    return rows.map(toState);
  }

  async export(tenantId: string): Promise<string> {
    const [webhooks, automations] = await Promise.all([this.endpoints(tenantId), allAutomations(this.dataSource.manager, tenantId)]);
    return exportIntegrationsDocument(webhooks, automations);
  }

  async import(ctx: RequestContext, text: string): Promise<ImportResult> {
    const doc = parseIntegrationsDocument(text);
    const tenantId = ctx.tenantId;
    const existingEndpoints = await this.endpoints(tenantId);
    const byUrl = new Map(existingEndpoints.map((e) => [e.url, e]));
    const existingAutomations = new Map((await allAutomations(this.dataSource.manager, tenantId)).map((a) => [a.name, a]));

    // check everything first
    const webhookPlans = [];
    for (const [i, entry] of (doc.webhooks ?? []).entries()) {
      const prefix = `document.webhooks.${i}`;
      const settings = inDocument(prefix, () => normaliseSettings(webhookSettingsOf(entry), this.eventTypes));
      await inDocument(prefix, () => this.webhooks.checkUrl(settings.url));
      webhookPlans.push({ settings, existing: byUrl.get(settings.url) ?? byUrl.get(entry.url) ?? null });
    }
    const documentUrls = new Set(webhookPlans.map((p) => p.settings.url));
    const PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
    const known = (url: string) => {
      const normal = (() => {
        try {
          return new URL(url.trim()).toString();
        } catch {
          return url;
        }
      })();
      return byUrl.get(normal)?.id ?? byUrl.get(url)?.id ?? (documentUrls.has(normal) ? PLACEHOLDER : null);
    };
    for (const [i, entry] of (doc.automations ?? []).entries()) {
      inDocument(`document.automations.${i}`, () => normaliseAutomation(automationInputOf(entry, i, known), { eventTypes: this.eventTypes }));
    }

    // then write: endpoints first (automations reference them)
    const result: ImportResult = { webhooks: count(), automations: count(), secrets: [] };
    for (const plan of webhookPlans) {
      if (!plan.existing) {
        const { result: created, secret } = await this.webhooks.create(ctx, plan.settings);
        byUrl.set(plan.settings.url, created.state);
        result.secrets.push({ url: plan.settings.url, id: created.state.id, secret });
        result.webhooks.created++;
      } else if (sameEndpoint(plan.existing, plan.settings)) {
        result.webhooks.unchanged++;
      } else {
        await this.webhooks.update(ctx, plan.existing.id, plan.settings);
        result.webhooks.updated++;
      }
    }
    const idOf = (url: string) => known(url);
    for (const [i, entry] of (doc.automations ?? []).entries()) {
      const input = automationInputOf(entry, i, idOf);
      const existing = existingAutomations.get(input.name.trim());
      if (!existing) {
        await inDocument(`document.automations.${i}`, () => this.automations.create(ctx, input));
        result.automations.created++;
      } else {
        const updated = await inDocument(`document.automations.${i}`, () => this.automations.update(ctx, existing.id, input));
        if (updated.events.length > 0) result.automations.updated++;
        else result.automations.unchanged++;
      }
    }
    return result;
  }
}

const count = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });
