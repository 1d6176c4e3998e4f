import { AppError } from '@crm/platform/errors';
import type { WebhookState } from './webhook';

/** The endpoint a command acts on: NOT_FOUND when the tenant has none (or deleted it). */
export function liveEndpoint(state: WebhookState | null, id: string): WebhookState {
  if (!state || state.deleted) throw AppError.notFound('webhook endpoint', id);
  return state;
}
