import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { asPayload, formatConsistencyToken, type SubgraphContext } from '@crm/platform/graphql';
import type { RequestContext } from '@crm/event-bus/kit';
import type { AutomationCommands } from '../application/automation-commands';
import type { IntegrationsDocumentService } from '../application/integrations-document';
import type { AdapterCommands } from '../application/adapter-commands';
import { adapterKindOf } from '../domain/adapter-rules';
import type { AutomationState } from '../domain/automation';
import type { AutomationInput as RulesInput } from '../domain/automation-rules';
import { evaluateAutomation } from '../domain/run-plan';
import { automationPage, automationStore } from '../persistence/automation-store';
import { eventPage } from '../persistence/event-log-store';
import type { RunStore } from '../persistence/run-store';
import {
  Automation,
  AutomationInput,
  AutomationValue,
  AutomationPage,
  AutomationPayload,
  AutomationRunPage,
  BusinessEventPage,
  DryRunEventInput,
  DryRunResult,
  IntegrationAdapter,
  IntegrationsImportResult,
} from './automation-types';

export interface AutomationApi {
  automations: AutomationCommands;
  runs: RunStore;
  documents: IntegrationsDocumentService;
  adapters: AdapterCommands;
}

const requestOf = (ctx: SubgraphContext): RequestContext => ({
  tenantId: ctx.principal.tenantId,
  correlationId: ctx.correlationId,
  actor: { kind: ctx.principal.kind, id: ctx.principal.subjectId },
});

/** The GraphQL input as the rules take it. */
export const inputOf = (input: AutomationInput): RulesInput => ({
  name: input.name,
  event: input.event,
  conditions: (input.conditions ?? []).map((c) => ({ field: c.field, operator: c.operator, value: c.value })),
  actions: input.actions,
  enabled: input.enabled ?? true,
});

const emptyPayload = () => ({ id: null, consistencyToken: null, errors: [] });
const MAX_RANGE_MS = 366 * 24 * 3_600_000;

function paging(offset: number, size: number): void {
  if (offset < 0 || offset > 1_000_000) throw AppError.validation('offset', 'must be between 0 and 1000000', 'INVALID_OFFSET');
  if (size < 1 || size > 100) throw AppError.validation('size', 'must be between 1 and 100', 'INVALID_PAGE_SIZE');
}

@Resolver()
export class AutomationResolver {
  constructor(private readonly api: AutomationApi) {}

  @Authorized(['integrations.write'])
  @Mutation(() => AutomationPayload, {
    description: 'Creates an automation. Repeating a call with the same idempotencyKey returns the first result.',
  })
  createAutomation(
    @Arg('input', () => AutomationInput) input: AutomationInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AutomationPayload> {
    return asPayload<AutomationPayload>(async () => {
      const result = await this.api.automations.create(requestOf(ctx), inputOf(input), idempotencyKey);
      return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptyPayload);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => AutomationPayload, { description: 'Replaces an automation settings.' })
  updateAutomation(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AutomationInput) input: AutomationInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AutomationPayload> {
    return asPayload<AutomationPayload>(async () => {
      const result = await this.api.automations.update(requestOf(ctx), canonicalId(id) ?? id, inputOf(input));
      return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptyPayload);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => AutomationPayload, { description: 'Deletes an automation: it runs no more (its run record stays).' })
  deleteAutomation(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<AutomationPayload> {
    return asPayload<AutomationPayload>(async () => {
      const result = await this.api.automations.delete(requestOf(ctx), canonicalId(id) ?? id);
      return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptyPayload);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => AutomationPayload, { description: 'Enables an automation (nothing when it is enabled already).' })
  enableAutomation(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<AutomationPayload> {
    return this.setEnabled(id, true, ctx);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => AutomationPayload, { description: 'Disables an automation (nothing when it is disabled already).' })
  disableAutomation(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<AutomationPayload> {
    return this.setEnabled(id, false, ctx);
  }

  @Authorized(['integrations.read'])
  @Query(() => Automation, { nullable: true, description: 'An automation by id; null when the tenant has none (or deleted it).' })
  automation(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Automation | null> {
    return this.find(ctx, id);
  }

  @Authorized(['integrations.read'])
  @Query(() => AutomationPage, { description: 'The tenant automations, newest first.' })
  automations(
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AutomationPage> {
    paging(offset, size);
    return automationPage(this.api.automations.queryable, ctx.principal.tenantId, offset, size);
  }

  @Authorized(['integrations.read'])
  @Query(() => DryRunResult, {
    nullable: true,
    description:
      'What an automation would do for a sample event: every condition with the value it found, and the actions that would run. Runs nothing; null when the tenant has no such automation.',
  })
  async automationDryRun(
    @Arg('id', () => ID) id: string,
    @Arg('event', () => DryRunEventInput) event: DryRunEventInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DryRunResult | null> {
    const data = event.data ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) throw AppError.validation('event.data', 'must be an object', 'INVALID_VALUE');
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
      throw AppError.validation('event.type', 'must be 1 to 200 characters', 'INVALID_VALUE');
    }
    const automation = await this.find(ctx, id);
    if (!automation) return null;
    const evaluation = evaluateAutomation(automation, { type: event.type, data: data as Record<string, unknown> });
    return { eventMatched: evaluation.eventMatched, matched: evaluation.matched, conditions: evaluation.conditions, actions: evaluation.actions };
  }

  @Authorized(['integrations.read'])
  @Query(() => AutomationRunPage, {
    nullable: true,
    description: 'The action runs of an automation with their outcomes, newest first; null when no such automation.',
  })
  async automationRuns(
    @Arg('automationId', () => ID) automationId: string,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AutomationRunPage | null> {
    paging(offset, size);
    const id = canonicalId(automationId);
    if (!id || !(await automationStore.findById(this.api.automations.queryable, ctx.principal.tenantId, id))) return null;
    const page = await this.api.runs.page(ctx.principal.tenantId, id, offset, size);
    return {
      total: page.total,
      content: page.content.map((r) => ({ ...r, actionIndex: r.action.index, actionType: r.action.type })),
    };
  }

  @Authorized(['integrations.read'])
  @Query(() => BusinessEventPage, {
    description:
      'The tenant business events as the integrations domain saw them on the stream, newest first; filter by type, aggregate id and [from, to).',
  })
  businessEvents(
    @Arg('type', () => String, { nullable: true }) type: string | null,
    @Arg('aggregateId', () => String, { nullable: true }) aggregateId: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('size', () => Int, { defaultValue: 10 }) size: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BusinessEventPage> {
    paging(offset, size);
    // left-out nullable arguments arrive undefined
    [type, aggregateId, from, to] = [type ?? null, aggregateId ?? null, from ?? null, to ?? null];
    if (from && to && to.getTime() <= from.getTime()) throw AppError.validation('to', 'must be after from', 'INVALID_DATE');
    if (from && to && to.getTime() - from.getTime() > MAX_RANGE_MS)
      throw AppError.validation('to', 'the range must be at most 366 days', 'INVALID_DATE');
    if (type !== null && type.length > 200) throw AppError.validation('type', 'must be at most 200 characters', 'TOO_LONG');
    if (aggregateId !== null && aggregateId.length > 200) throw AppError.validation('aggregate_id', 'must be at most 200 characters', 'TOO_LONG');
    const aggregate = aggregateId === null ? null : (canonicalId(aggregateId) ?? aggregateId);
    return eventPage(this.api.automations.queryable, ctx.principal.tenantId, { type, aggregateId: aggregate, from, to }, offset, size);
  }

  @Authorized(['integrations.read'])
  @Query(() => String, { description: 'The tenant webhooks (never their secrets) and automations as one YAML document (version 1).' })
  integrationsExport(@Ctx() ctx: SubgraphContext): Promise<string> {
    return this.api.documents.export(ctx.principal.tenantId);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => IntegrationsImportResult, {
    description:
      'Imports a YAML document of webhooks (identified by url) and automations (identified by name): creates what is missing, changes what differs; the same document twice changes nothing. Checked whole before anything is written.',
  })
  importIntegrations(@Arg('document', () => String) document: string, @Ctx() ctx: SubgraphContext): Promise<IntegrationsImportResult> {
    return this.api.documents.import(requestOf(ctx), document);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => AutomationPayload, {
    description:
      'Configures a provider adapter of the tenant (replacing its settings and credentials). The credentials are sealed and never returned.',
  })
  configureIntegrationAdapter(
    @Arg('kind', () => String) kind: string,
    @Arg('credentials', () => AutomationValue) credentials: unknown,
    @Arg('settings', () => AutomationValue, { nullable: true }) settings: unknown,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AutomationPayload> {
    return asPayload<AutomationPayload>(async () => {
      const result = await this.api.adapters.configure(requestOf(ctx), adapterKindOf(kind), { credentials, settings: settings ?? {} });
      return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptyPayload);
  }

  @Authorized(['integrations.write'])
  @Mutation(() => AutomationPayload, { description: 'Removes a provider adapter: its credentials are erased; ADAPTER actions naming it fail.' })
  removeIntegrationAdapter(@Arg('kind', () => String) kind: string, @Ctx() ctx: SubgraphContext): Promise<AutomationPayload> {
    return asPayload<AutomationPayload>(async () => {
      const result = await this.api.adapters.remove(requestOf(ctx), adapterKindOf(kind));
      return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptyPayload);
  }

  @Authorized(['integrations.read'])
  @Query(() => [IntegrationAdapter], { description: 'The tenant provider adapters with their settings (never their credentials).' })
  integrationAdapters(@Ctx() ctx: SubgraphContext): Promise<IntegrationAdapter[]> {
    return this.api.adapters.list(ctx.principal.tenantId);
  }

  private setEnabled(id: string, enabled: boolean, ctx: SubgraphContext): Promise<AutomationPayload> {
    return asPayload<AutomationPayload>(async () => {
      const result = await this.api.automations.setEnabled(requestOf(ctx), canonicalId(id) ?? id, enabled);
      return { id: result.state.id, consistencyToken: formatConsistencyToken(result.consistency), errors: [] };
    }, emptyPayload);
  }

  private async find(ctx: SubgraphContext, id: string): Promise<AutomationState | null> {
    const canonical = canonicalId(id);
    if (!canonical) return null;
    const found = await automationStore.findById(this.api.automations.queryable, ctx.principal.tenantId, canonical);
    return found && !found.deleted ? found : null;
  }
}
