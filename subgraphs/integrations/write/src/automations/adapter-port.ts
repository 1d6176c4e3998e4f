import type { PlannedAction } from '../domain/run-plan';

/** What an adapter call did: `resultId` is the provider's id of the message or event, when it gives one. */
export interface AdapterResult {
  ok: boolean;
  outcome: string;
  resultId?: string | null;
  /** Worth another try later (the provider was unavailable or rate limited us). */
  retriable?: boolean;
}

/** Runs ADAPTER actions with the tenant's sealed provider credentials. */
export interface AdapterPort {
  run(
    tenantId: string,
    action: Extract<PlannedAction, { type: 'ADAPTER' }>,
    event: { id: string; type: string; data: Record<string, unknown> },
  ): Promise<AdapterResult>;
  /** Whether a provider dedupes a repeated call of ours (so a call interrupted by a crash may be made again). */
  idempotent(adapter: string): boolean;
}

/** No adapters configured: every ADAPTER action fails, saying so. */
export const noAdapters: AdapterPort = {
  run: (_tenantId, action) => Promise.resolve({ ok: false, outcome: `the ${action.adapter} adapter is not configured for the tenant` }),
  idempotent: () => false,
};
