import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values every log line and outgoing call carries. */
export interface RequestContext {
  requestId: string;
  correlationId: string;
  /** Filled in while the request is handled, for its access-log line and metrics. */
  route?: string;
  tenantId?: string;
  principalKind?: string;
  /** GraphQL operation name as the client sent it (access log only, never a metric label). */
  operation?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Records what a handler learnt about the current request (its route template, who called) for
 * the access-log line and the request metrics; outside a request it does nothing.
 */
export function annotateRequest(values: Pick<RequestContext, 'route' | 'tenantId' | 'principalKind' | 'operation'>): void {
  const ctx = storage.getStore();
  if (!ctx) return;
  if (values.route !== undefined) ctx.route = values.route;
  if (values.tenantId !== undefined) ctx.tenantId = values.tenantId;
  if (values.principalKind !== undefined) ctx.principalKind = values.principalKind;
  if (values.operation !== undefined) ctx.operation = values.operation;
}
