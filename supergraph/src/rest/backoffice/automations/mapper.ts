import type { z } from 'zod';
import type { action, automationBody } from './schemas';

type Body = z.output<typeof automationBody>;
type RestAction = z.output<typeof action>;

/** A REST action (snake_case) as the GraphQL input's action object. */
function actionIn(a: RestAction): Record<string, unknown> {
  switch (a.type) {
    case 'WEBHOOK':
      return { type: 'WEBHOOK', webhookId: a.webhook_id };
    case 'ACTIVITY':
      return { type: 'ACTIVITY', name: a.name, description: a.description ?? null, dueInDays: a.due_in_days ?? null };
    case 'ADAPTER':
      return { type: 'ADAPTER', adapter: a.adapter, params: a.params ?? {} };
  }
}

export function automationInputOf(body: Body) {
  return {
    name: body.name,
    event: body.event,
    conditions: body.conditions ?? [],
    actions: body.actions.map(actionIn),
    enabled: body.enabled ?? true,
  };
}

const present = (key: string, v: unknown) => (v === null || v === undefined ? {} : { [key]: v });

/** A stored action (GraphQL, camelCase) as the REST shape. */
export function actionToRest(a: Record<string, unknown>): Record<string, unknown> {
  switch (a['type']) {
    case 'WEBHOOK':
      return { type: 'WEBHOOK', webhook_id: a['webhookId'] };
    case 'ACTIVITY':
      return { type: 'ACTIVITY', name: a['name'], ...present('description', a['description']), ...present('due_in_days', a['dueInDays']) };
    default:
      return { type: a['type'], adapter: a['adapter'], params: a['params'] };
  }
}

/** A planned action of a dry run as the REST shape. */
export function plannedToRest(a: Record<string, unknown>): Record<string, unknown> {
  const base = { index: a['index'], ...actionToRest(a) };
  return a['type'] === 'ACTIVITY' ? { ...base, ...present('contact_id', a['contactId']) } : base;
}
