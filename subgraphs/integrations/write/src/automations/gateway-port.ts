/**
 * The calls ACTIVITY actions make to another domain through the gateway, as this service needs
 * them (structurally the platform's GatewayClient: `ServiceDeps.gateway`).
 */
export interface GatewayPort {
  execute<T = Record<string, unknown>>(call: {
    tenantId: string;
    permissions: readonly string[];
    query: string;
    variables?: Record<string, unknown>;
    timeoutMs?: number;
  }): Promise<T>;
}

/** Whether a failed call is worth another try with the same idempotency key (the client's `GatewayCallError.retriable`; unknown errors are). */
export function isRetriable(err: unknown): boolean {
  if (err && typeof err === 'object' && 'retriable' in err) return (err as { retriable: unknown }).retriable === true;
  return true;
}
