import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { asPayload, formatConsistencyToken, type SubgraphContext } from '@crm/platform/graphql';
import type { RequestContext } from '@crm/event-bus/kit';
import type { WebhookCommands } from '../application/webhook-commands';
import type { DeliveryStore } from '../persistence/delivery-store';
import { webhookStore } from '../persistence/webhook-store';
import { WebhookDeliveryPage, WebhookInput, WebhookPayload, WebhookSecretPayload } from './webhook-types';

export interface WebhookApi {
  commands: WebhookCommands;
  deliveries: DeliveryStore;
  /** Wakes the sender after a replay. */
  kick: () => void;
  clock: () => Date;
}

const requestOf = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});

const settingsOf = (input: WebhookInput) => ({
  url: input.url,
  events: input.events,
  description: input.description ?? null,
  enabled: input.enabled ?? true,
});

const emptyPayload = () => ({ id: null, consistencyToken: null, errors: [] });
const emptySecret = () => ({ id: null, secret: null, consistencyToken: null, errors: [] });
const MAX_RANGE_MS = 31 * 24 * 3_600_000;

@Resolver()
export class WebhookResolver {
  constructor(private readonly api: WebhookApi) {}

  @Authorized(['integrations.write'])
  @Mutation(() => WebhookSecretPayload, { description: 'Registers a webhook endpoint; the answer carries its signing secret, shown this once.' })
  createWebhook(
    @Arg('input', () => WebhookInput) input: WebhookInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: 'A repeated key answers as the first call did (same id and secret).' })
    idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WebhookSecretPayload> {
    return asPayload<WebhookSecretPayload>(async () => {
      const { result, secret } = await this.api.commands.create(requestOf(ctx), settingsOf(input), idempotencyKey);
      return { id: result.state.id, secret, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptySecret);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => WebhookPayload, { description: 'Replaces an endpoint settings (enabling an endpoint the platform disabled clears its reason).' })
  updateWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => WebhookInput) input: WebhookInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WebhookPayload> {
    return asPayload<WebhookPayload>(async () => {
      const result = await this.api.commands.update(requestOf(ctx), this.idOf(id), settingsOf(input));
      if (result.events.length > 0) this.api.kick();
      return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptyPayload);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => WebhookPayload, { description: 'Deletes an endpoint: nothing more is delivered to it.' })
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<WebhookPayload> {
    return asPayload<WebhookPayload>(async () => {
      const result = await this.api.commands.delete(requestOf(ctx), this.idOf(id));
      return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptyPayload);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => WebhookSecretPayload, {
    description:
      'Gives an endpoint a new signing secret (shown this once); the previous one keeps signing beside it for WEBHOOK_SECRET_OVERLAP_HOURS.',
  })
  rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<WebhookSecretPayload> {
    return asPayload<WebhookSecretPayload>(async () => {
      const { result, secret } = await this.api.commands.rotateSecret(requestOf(ctx), this.idOf(id));
      return { id: result.state.id, secret, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptySecret);
  }

  @Authorized(['integrations.read'])
  @Query(() => WebhookDeliveryPage, {
    nullable: true,
    description: 'The delivery log of an endpoint, newest first; null when the tenant has no such endpoint.',
  })
  async webhookDeliveries(
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<WebhookDeliveryPage | null> {
    if (offset < 0 || offset > 1_000_000) throw AppError.validation('offset', 'must be between 0 and 1000000', 'INVALID_OFFSET');
    if (size < 1 || size > 100) throw AppError.validation('size', 'must be between 1 and 100', 'INVALID_PAGE_SIZE');
    const endpoint = await this.endpoint(ctx, webhookId);
    if (!endpoint) return null;
    return this.api.deliveries.page(ctx.principal.tenantId, endpoint.id, offset, size);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => Boolean, { description: 'Sends a delivery again now, with the same body and webhook-id, on a fresh retry schedule.' })
  async replayWebhookDelivery(
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    const endpoint = await this.endpoint(ctx, webhookId);
    const delivery = canonicalId(deliveryId);
    if (!endpoint) throw AppError.notFound('webhook endpoint', webhookId);
    if (!delivery || !(await this.api.deliveries.replay(ctx.principal.tenantId, endpoint.id, delivery, this.api.clock()))) {
      throw AppError.notFound('webhook delivery', deliveryId);
    }
    this.api.kick();
    return true;
  }

  @Authorized(['integrations.write'])
  @Mutation(() => Int, {
    description: 'Sends again every delivery of the endpoint created in [from, to) that is not pending; returns how many (range at most 31 days).',
  })
  async replayWebhookDeliveries(
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    if (to.getTime() <= from.getTime()) throw AppError.validation('to', 'must be after from', 'INVALID_DATE');
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw AppError.validation('to', 'the range must be at most 31 days', 'INVALID_DATE');
    const endpoint = await this.endpoint(ctx, webhookId);
    if (!endpoint) throw AppError.notFound('webhook endpoint', webhookId);
    const count = await this.api.deliveries.replayRange(ctx.principal.tenantId, endpoint.id, from, to, this.api.clock());
    if (count > 0) this.api.kick();
    return count;
  }

  private idOf(id: string): string {
    return canonicalId(id) ?? id;
  }

  private async endpoint(ctx: SubgraphContext, id: string) {
    const found = await webhookStore.findById(this.api.commands.queryable, ctx.principal.tenantId, id);
    return found && !found.deleted ? found : null;
  }
}
