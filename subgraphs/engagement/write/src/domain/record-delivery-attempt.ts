import type { CommunicationChange, CommunicationState } from './communication';

/** The outcome of one delivery attempt; `permanent`: retrying cannot help (e.g. no adapter for the channel, a 5xx SMTP reply). */
export type DeliveryOutcome = { ok: true; providerId: string | null } | { ok: false; error: string; permanent: boolean };

export interface RecordDeliveryAttempt {
  outcome: DeliveryOutcome;
  maxAttempts: number;
  /** The first retry's delay; each later one doubles it. */
  retryBaseMs: number;
  now: Date;
}

/**
 * Records an attempt (pure): delivered → COMPLETED; failed → another attempt after an exponential
 * back-off, or FAILED after the last one (or a permanent error). A communication no longer PENDING
 * (a second worker, a stale lease) changes no more.
 */
export function recordDeliveryAttempt(state: CommunicationState | null, cmd: RecordDeliveryAttempt): CommunicationChange[] {
  if (!state || state.state !== 'PENDING') return [];
  const attempt = state.attempts + 1;
  if (cmd.outcome.ok) return [{ type: 'communication.delivered', data: { attempt, providerId: cmd.outcome.providerId?.slice(0, 500) ?? null } }];
  const error = cmd.outcome.error.slice(0, 1000) || 'delivery failed';
  if (cmd.outcome.permanent || attempt >= cmd.maxAttempts) return [{ type: 'communication.failed', data: { attempt, error } }];
  const retryAt = new Date(cmd.now.getTime() + cmd.retryBaseMs * 2 ** (attempt - 1)).toISOString();
  return [{ type: 'communication.attempt_failed', data: { attempt, error, retryAt } }];
}
