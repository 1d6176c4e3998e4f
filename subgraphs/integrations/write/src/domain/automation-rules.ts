import { AppError } from '@crm/platform/errors';
import { ACTION_TYPES, ADAPTER_KINDS, CONDITION_OPERATORS, MAX_ACTIONS, MAX_CONDITIONS } from '@crm/event-bus/contracts/integrations';
import type { Action, AutomationSettings, Condition, Operator } from './automation';
import { compare } from './conditions';

/** What a caller sends: conditions' values and actions are checked here, field by field. */
export interface AutomationInput {
  name: string;
  event: string;
  conditions: { field: string; operator: string; value: unknown }[];
  actions: unknown[];
  enabled: boolean;
}

/** What an automation's actions may reference, looked up before the decider. */
export interface AutomationRefs {
  /** The event types an automation may be triggered by. */
  eventTypes: ReadonlySet<string>;
}

/** The parameters each provider takes in an ADAPTER action (`{{path}}` placeholders are filled from the event data). */
export const ADAPTER_PARAMS: Record<(typeof ADAPTER_KINDS)[number], string[]> = {
  SENDGRID: ['to', 'template_id', 'subject', 'text'],
  MIXPANEL: ['event', 'distinct_id'],
  GA4: ['event', 'client_id'],
  TWILIO: ['to', 'text'],
};

const invalid = (field: string, message: string) => AppError.validation(field, message, 'INVALID_VALUE');
const SCALAR_LIMIT = 500;
const FIELD_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){0,9}$/;

function scalar(field: string, v: unknown): string | number | boolean | null {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalid(field, 'must be a finite number');
    return v;
  }
  if (typeof v === 'string') {
    if (v.length > SCALAR_LIMIT) throw AppError.validation(field, `must be at most ${SCALAR_LIMIT} characters`, 'TOO_LONG');
    return v;
  }
  throw invalid(field, 'must be a string, number, boolean or null');
}

function condition(c: AutomationInput['conditions'][number], i: number): Condition {
  const at = `conditions.${i}`;
  const field = typeof c.field === 'string' ? c.field.trim() : '';
  if (!FIELD_PATH.test(field)) throw invalid(`${at}.field`, 'must be a dot path into the event data (letters, digits, _; at most 10 steps)');
  if (!(CONDITION_OPERATORS as readonly string[]).includes(c.operator))
    throw invalid(`${at}.operator`, `must be one of ${CONDITION_OPERATORS.join(', ')}`);
  const operator = c.operator as Operator;
  if (operator === 'IN') {
    if (!Array.isArray(c.value) || c.value.length === 0 || c.value.length > 100)
      throw invalid(`${at}.value`, 'must be a list of 1 to 100 values for IN');
    return { field, operator, value: c.value.map((v, j) => scalar(`${at}.value.${j}`, v)) };
  }
  const value = scalar(`${at}.value`, c.value);
  if ((operator === 'CONTAINS' || operator === 'STARTS_WITH' || operator === 'ENDS_WITH') && typeof value !== 'string') {
    throw invalid(`${at}.value`, `must be a string for ${operator}`);
  }
  if ((operator === 'GT' || operator === 'GTE' || operator === 'LT' || operator === 'LTE') && compare(value, value) === null) {
    throw invalid(`${at}.value`, `must be a number, a decimal string or an ISO date for ${operator}`);
  }
  return { field, operator, value };
}

const record = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

function only(at: string, a: Record<string, unknown>, keys: string[]): void {
  const extra = Object.keys(a).find((k) => !keys.includes(k));
  if (extra !== undefined) throw invalid(`${at}.${extra.slice(0, 50)}`, 'is not a field of this action type');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function action(raw: unknown, i: number): Action {
  const at = `actions.${i}`;
  const a = record(raw);
  if (!a) throw invalid(at, 'must be an object with a type');
  const type = a['type'];
  if (type === 'COMMUNICATION' || type === 'APPROVAL') throw invalid(`${at}.type`, `${type} actions are not available yet`);
  if (!(ACTION_TYPES as readonly unknown[]).includes(type)) throw invalid(`${at}.type`, `must be one of ${ACTION_TYPES.join(', ')}`);
  switch (type as Action['type']) {
    case 'WEBHOOK': {
      only(at, a, ['type', 'webhookId']);
      const id = typeof a['webhookId'] === 'string' ? a['webhookId'].trim().toLowerCase() : '';
      const canonical = /^[0-9a-f]{32}$/.test(id) ? id.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5') : id;
      if (!GUID.test(canonical)) throw invalid(`${at}.webhookId`, 'must be the id of a webhook endpoint of the tenant');
      return { type: 'WEBHOOK', webhookId: canonical };
    }
    case 'ACTIVITY': {
      only(at, a, ['type', 'name', 'description', 'dueInDays']);
      const name = typeof a['name'] === 'string' ? a['name'].trim() : '';
      if (name.length === 0 || name.length > 200) throw invalid(`${at}.name`, 'must be 1 to 200 characters');
      const description = a['description'] ?? null;
      if (description !== null && (typeof description !== 'string' || description.length > 2000)) {
        throw invalid(`${at}.description`, 'must be at most 2000 characters');
      }
      const due = a['dueInDays'] ?? null;
      if (due !== null && (typeof due !== 'number' || !Number.isInteger(due) || due < 0 || due > 365)) {
        throw invalid(`${at}.dueInDays`, 'must be a whole number of days from 0 to 365');
      }
      return { type: 'ACTIVITY', name, description: (description as string | null)?.trim() || null, dueInDays: due as number | null };
    }
    case 'ADAPTER': {
      only(at, a, ['type', 'adapter', 'params']);
      if (!(ADAPTER_KINDS as readonly unknown[]).includes(a['adapter'])) throw invalid(`${at}.adapter`, `must be one of ${ADAPTER_KINDS.join(', ')}`);
      const params = record(a['params'] ?? {});
      if (!params || Object.keys(params).length > 20) throw invalid(`${at}.params`, 'must be an object of at most 20 string fields');
      const adapter = a['adapter'] as (typeof ADAPTER_KINDS)[number];
      for (const [k, v] of Object.entries(params)) {
        if (!ADAPTER_PARAMS[adapter].includes(k))
          throw invalid(`${at}.params.${k.slice(0, 50)}`, `is not a parameter of ${adapter} (${ADAPTER_PARAMS[adapter].join(', ')})`);
        if (typeof v !== 'string' || v.length > 2000) throw invalid(`${at}.params.${k}`, 'must be a string of at most 2000 characters');
      }
      if (adapter === 'SENDGRID' && !params['template_id'] && !(params['subject'] && params['text'])) {
        throw invalid(`${at}.params`, 'SENDGRID needs template_id, or subject and text');
      }
      if (adapter === 'TWILIO' && !params['text']) throw invalid(`${at}.params.text`, 'TWILIO needs the text of the SMS');
      return { type: 'ADAPTER', adapter: a['adapter'] as (typeof ADAPTER_KINDS)[number], params: params as Record<string, string> };
    }
  }
}

/** The settings as stored: trimmed name, a known trigger event, checked conditions and actions (pure). */
export function normaliseAutomation(input: AutomationInput, refs: AutomationRefs): AutomationSettings {
  const name = input.name.trim();
  if (name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > 200) throw AppError.validation('name', 'must be at most 200 characters', 'TOO_LONG');
  const event = input.event.trim();
  if (!refs.eventTypes.has(event)) throw invalid('event', `unknown event type ${JSON.stringify(event.slice(0, 100))}`);
  if (input.conditions.length > MAX_CONDITIONS) throw AppError.validation('conditions', `must be at most ${MAX_CONDITIONS}`, 'TOO_LONG');
  if (input.actions.length === 0) throw AppError.validation('actions', 'must name at least one action', 'REQUIRED');
  if (input.actions.length > MAX_ACTIONS) throw AppError.validation('actions', `must be at most ${MAX_ACTIONS}`, 'TOO_LONG');
  return {
    name,
    event,
    conditions: input.conditions.map(condition),
    actions: input.actions.map(action),
    enabled: input.enabled,
  };
}
