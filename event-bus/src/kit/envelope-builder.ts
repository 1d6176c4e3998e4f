import { newId } from '@crm/platform/ids';
import type { Actor, EventEnvelope } from '../envelope';

/** Who asked, and why: what every envelope of a command carries besides its own data. */
export interface RequestContext {
  tenantId: string;
  correlationId: string;
  actor: Actor;
  /** The event this command reacts to (process managers); null for API calls. */
  causationId?: string | null;
}

/** An event before its envelope: which aggregate, at which version, with which data. */
export interface EventDraft<T extends string = string, D = unknown> {
  type: T;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  data: D;
  schemaVersion?: number;
}

/**
 * THE envelope builder of every domain: ids, tenant, time, correlation, causation and actor come
 * from the request context; the draft says what happened to which aggregate version.
 */
export function envelopeOf(ctx: RequestContext, draft: EventDraft, now: Date): EventEnvelope {
  return {
    id: newId(),
    type: draft.type,
    schemaVersion: draft.schemaVersion ?? 1,
    tenantId: ctx.tenantId,
    aggregateType: draft.aggregateType,
    aggregateId: draft.aggregateId,
    aggregateVersion: draft.aggregateVersion,
    occurredAt: now.toISOString(),
    correlationId: ctx.correlationId,
    causationId: ctx.causationId ?? null,
    actor: ctx.actor,
    data: draft.data,
  };
}
