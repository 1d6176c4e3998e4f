import type { GatewayClient } from '@crm/platform/clients';

/** The calls ACTIVITY actions make to another domain through the gateway (`ServiceDeps.gateway`; tests pass a fake). */
export type GatewayPort = GatewayClient;

/** Whether a failed call is worth another try with the same idempotency key (`GatewayCallError.retriable`; an unknown failure is). */
export function isRetriable(err: unknown): boolean {
  if (err && typeof err === 'object' && 'retriable' in err) return (err as { retriable: unknown }).retriable === true;
  return true;
}
