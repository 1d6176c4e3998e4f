import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { SecretBox } from '@crm/platform/security';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { ADAPTER_AGGREGATE } from '@crm/event-bus/contracts/integrations';
import { evolve, type AdapterChange, type AdapterKind, type AdapterState } from '../domain/adapter';
import { ADAPTER_SPECS, normaliseAdapter } from '../domain/adapter-rules';
import { configureAdapter } from '../domain/configure-adapter';
import { removeAdapter } from '../domain/remove-adapter';
import { adapterStore, configuredAdapters } from '../persistence/adapter-store';

export const adapterAggregate: AggregateDefinition<AdapterState, AdapterChange> = {
  type: ADAPTER_AGGREGATE,
  evolve,
  store: adapterStore,
  versionConflict: () => new AppError('CONFLICT', 'the adapter was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** What sealed credentials are bound to: the tenant and the provider (a tenant's Sendgrid key opens nowhere else). */
export const credentialBinding = (tenantId: string, kind: AdapterKind) => `adapter-credentials:${tenantId}:${kind}`;

/** An adapter ready to call: settings with the base URL resolved, credentials opened. */
export interface OpenAdapter {
  kind: AdapterKind;
  baseUrl: string;
  settings: Record<string, string>;
  credentials: Record<string, string>;
}

/**
 * Provider adapters per tenant on the kit's command handler. Credentials are sealed before the
 * decider (bound to tenant and provider) and never leave this class except opened for a call; a
 * base URL passes the webhook SSRF guard (an adapter is an outbound call the tenant points).
 */
export class AdapterCommands {
  private readonly handler: CommandHandler<AdapterState, AdapterChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
    private readonly box: SecretBox,
    private readonly checkUrl: (url: string) => Promise<void>,
  ) {
    this.handler = new CommandHandler(dataSource, registry, adapterAggregate, onCommitted);
  }

  async configure(ctx: RequestContext, kind: AdapterKind, input: { credentials: unknown; settings: unknown }): Promise<CommandResult<AdapterState>> {
    const { settings, credentials } = normaliseAdapter(kind, input);
    if (settings['base_url']) {
      try {
        await this.checkUrl(settings['base_url']);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          throw AppError.validation('settings.base_url', err.message.replace(/^[^:]+: /, ''), err.reason as never);
        throw err;
      }
    }
    const sealedCredentials = this.box.seal(JSON.stringify(credentials), credentialBinding(ctx.tenantId, kind));
    return this.handler.run(ctx, { create: false, ref: kind }, (state) => configureAdapter(state, { kind, settings, sealedCredentials }));
  }

  remove(ctx: RequestContext, kind: AdapterKind): Promise<CommandResult<AdapterState>> {
    return this.handler.run(ctx, { create: false, ref: kind }, (state) => removeAdapter(state, { kind }));
  }

  list(tenantId: string): Promise<AdapterState[]> {
    return configuredAdapters(this.dataSource.manager, tenantId);
  }

  /** The adapter opened for a call; null when the tenant has not configured it. */
  async open(tenantId: string, kind: AdapterKind): Promise<OpenAdapter | null> {
    const state = await adapterStore.load(this.dataSource.manager, tenantId, kind);
    if (!state || state.removed || !state.sealedCredentials) return null;
    const credentials = JSON.parse(this.box.open(state.sealedCredentials, credentialBinding(tenantId, kind))) as Record<string, string>;
    return { kind, baseUrl: state.settings['base_url'] ?? ADAPTER_SPECS[kind].defaultBaseUrl, settings: state.settings, credentials };
  }
}
