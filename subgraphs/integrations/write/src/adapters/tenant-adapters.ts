import type { AdapterCommands } from '../application/adapter-commands';
import type { AdapterPort } from '../automations/adapter-port';
import { PROVIDERS, type Provider } from './providers';
import type { OpenAdapter } from '../application/adapter-commands';

/** ADAPTER actions through the tenant's configured providers (Mixpanel dedupes on $insert_id: safe to repeat). */
export function tenantAdapters(
  commands: AdapterCommands,
  timeoutMs: number,
  providers: Record<OpenAdapter['kind'], Provider> = PROVIDERS,
): AdapterPort {
  return {
    async run(tenantId, action, event) {
      const adapter = await commands.open(tenantId, action.adapter as OpenAdapter['kind']);
      if (!adapter) return { ok: false, outcome: `the ${action.adapter} adapter is not configured for the tenant` };
      return providers[adapter.kind]({ adapter, params: action.params, event, timeoutMs });
    },
    idempotent: (adapter) => adapter === 'MIXPANEL',
  };
}
