import { AppError } from '@crm/platform/errors';
import { MAX_DESCRIPTION_LENGTH, MAX_EVENT_TYPES, MAX_URL_LENGTH } from '@crm/event-bus/contracts/integrations';
import type { EndpointSettings } from './webhook';

/** Every event type in `events[]` must be one the endpoint can receive, or `*` (all of them). */
export const ALL_EVENTS = '*';

/**
 * The settings as stored: an absolute URL without fragment (in its parsed spelling), known event
 * types (deduplicated, sorted), a trimmed description. Scheme, credentials, port and address are
 * the SSRF guard's (delivery/url-guard.ts), which needs DNS and runs before the decider.
 */
export function normaliseSettings(input: EndpointSettings, knownTypes: ReadonlySet<string>): EndpointSettings {
  const url = input.url.trim();
  if (url.length === 0) throw AppError.validation('url', 'must not be empty', 'REQUIRED');
  if (url.length > MAX_URL_LENGTH) throw AppError.validation('url', `must be at most ${MAX_URL_LENGTH} characters`, 'TOO_LONG');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw AppError.validation('url', 'must be an absolute http(s) URL', 'WEBHOOK_URL_INVALID');
  }
  if (parsed.hash) throw AppError.validation('url', 'must not contain a fragment', 'WEBHOOK_URL_INVALID');
  if (input.events.length === 0) throw AppError.validation('events', 'must name at least one event type (or *)', 'REQUIRED');
  if (input.events.length > MAX_EVENT_TYPES) throw AppError.validation('events', `must name at most ${MAX_EVENT_TYPES} event types`, 'TOO_LONG');
  const unknown = input.events.find((e) => e !== ALL_EVENTS && !knownTypes.has(e));
  if (unknown !== undefined) throw AppError.validation('events', `unknown event type ${JSON.stringify(unknown.slice(0, 100))}`, 'INVALID_VALUE');
  const events = [...new Set(input.events)].sort();
  const description = input.description?.trim() || null;
  if (description && description.length > MAX_DESCRIPTION_LENGTH) {
    throw AppError.validation('description', `must be at most ${MAX_DESCRIPTION_LENGTH} characters`, 'TOO_LONG');
  }
  return { url: parsed.toString(), events, description, enabled: input.enabled };
}

/** Whether an endpoint subscribed to `events` receives an event of `type`. */
export function subscribesTo(events: readonly string[], type: string): boolean {
  return events.includes(ALL_EVENTS) || events.includes(type);
}
