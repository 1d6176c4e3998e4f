import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { SecretBox } from '@crm/platform/security';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { WEBHOOK_AGGREGATE } from '@crm/event-bus/contracts/integrations';
import { evolve, type EndpointSettings, type WebhookChange, type WebhookState } from '../domain/webhook';
import { normaliseSettings } from '../domain/endpoint-rules';
import { createWebhook } from '../domain/create-webhook';
import { deleteWebhook } from '../domain/delete-webhook';
import { disableWebhook } from '../domain/disable-webhook';
import { rotateWebhookSecret } from '../domain/rotate-webhook-secret';
import { updateWebhook } from '../domain/update-webhook';
import { webhookStore } from '../persistence/webhook-store';
import { newWebhookSecret } from '../delivery/signing';
import { checkWebhookUrl, type WebhookUrlPolicy } from '../delivery/url-guard';
import { secretBinding } from '../delivery/worker';

/** The webhook endpoint aggregate, as the platform's command handler runs it. */
export const webhookAggregate: AggregateDefinition<WebhookState, WebhookChange> = {
  type: WEBHOOK_AGGREGATE,
  evolve,
  store: webhookStore,
  versionConflict: () => new AppError('CONFLICT', 'the webhook was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

export interface WebhookCommandOptions {
  box: SecretBox;
  policy: WebhookUrlPolicy;
  /** The event types an endpoint may subscribe to. */
  eventTypes: ReadonlySet<string>;
  /** How long a rotated-out secret keeps signing. */
  overlapMs: number;
  resolve?: (host: string) => Promise<string[]>;
}

/** The actor of what the platform does to an endpoint by itself (disabling it). */
export const DELIVERY_ACTOR = { kind: 'system', id: 'webhook-delivery' } as const;

/**
 * Webhook endpoint commands on the kit's command handler (load → decide → save state + outbox in
 * one statement). Settings are normalised and their URL passes the SSRF guard before the decider;
 * new secrets are generated here, sealed (bound to the tenant) and returned once in plain text.
 */
export class WebhookCommands {
  private readonly handler: CommandHandler<WebhookState, WebhookChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly options: WebhookCommandOptions,
  ) {
    this.handler = new CommandHandler(dataSource, registry, webhookAggregate, onCommitted);
  }

  /** Where the endpoint rows are read (tenant-scoped by the store). */
  get queryable() {
    return this.dataSource.manager;
  }

  /**
   * Registers an endpoint. With an idempotency key, a repeated request answers as the first did:
   * the same endpoint and its (current) secret, opened again for the caller who made it.
   */
  async create(
    ctx: RequestContext,
    input: EndpointSettings,
    idempotencyKey: string | null = null,
  ): Promise<{ result: CommandResult<WebhookState>; secret: string }> {
    const settings = await this.settings(input);
    const secret = newWebhookSecret();
    const sealed = { sealed: this.options.box.seal(secret, secretBinding(ctx.tenantId)), expiresAt: null };
    const idempotency = idempotencyKey ? { scope: 'integrations.webhook.create', key: idempotencyKey, request: settings } : null;
    const result = await this.handler.run(
      ctx,
      { create: true, id: null },
      (state) => createWebhook(state, { settings, secret: sealed }),
      idempotency,
    );
    if (result.events.length > 0) return { result, secret };
    const current = result.state.secrets[0];
    if (!current) throw new AppError('CONFLICT', 'the webhook endpoint of this idempotency key was deleted', { reason: 'WEBHOOK_EXISTS' });
    return { result, secret: this.options.box.open(current.sealed, secretBinding(ctx.tenantId)) };
  }

  async update(ctx: RequestContext, id: string, input: EndpointSettings): Promise<CommandResult<WebhookState>> {
    const settings = await this.settings(input);
    return this.handler.run(ctx, { create: false, ref: id }, (state) => updateWebhook(state, { id, settings }));
  }

  delete(ctx: RequestContext, id: string): Promise<CommandResult<WebhookState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => deleteWebhook(state, { id }));
  }

  async rotateSecret(ctx: RequestContext, id: string): Promise<{ result: CommandResult<WebhookState>; secret: string }> {
    const secret = newWebhookSecret();
    const sealed = { sealed: this.options.box.seal(secret, secretBinding(ctx.tenantId)), expiresAt: null };
    const result = await this.handler.run(ctx, { create: false, ref: id }, (state, now) =>
      rotateWebhookSecret(state, { id, secret: sealed, overlapMs: this.options.overlapMs }, now),
    );
    return { result, secret };
  }

  /** The platform disables an endpoint (410 Gone, or failing for the whole schedule): a `webhook_endpoint.disabled` event. */
  async disable(tenantId: string, id: string, reason: 'GONE' | 'FAILING', lastStatus: number | null): Promise<void> {
    const ctx: RequestContext = { tenantId, correlationId: `webhook-delivery:${id}`, actor: DELIVERY_ACTOR };
    await this.handler.run(ctx, { create: false, ref: id }, (state) => disableWebhook(state, { id, reason, lastStatus }));
  }

  /** The SSRF guard on a URL (registration-time check). */
  checkUrl(url: string): Promise<void> {
    return checkWebhookUrl(url, this.options.policy, this.options.resolve);
  }

  private async settings(input: EndpointSettings): Promise<EndpointSettings> {
    const settings = normaliseSettings(input, this.options.eventTypes);
    await checkWebhookUrl(settings.url, this.options.policy, this.options.resolve);
    return settings;
  }
}
