import type { Action, AutomationState } from './automation';
import { evaluateConditions, type ConditionResult } from './conditions';

/** How many automations deep a chain may go (A's action causes B's trigger causes C's ...) before it stops. */
export const MAX_CHAIN_DEPTH = 3;

/** A business event as automations see it. */
export interface TriggerEvent {
  type: string;
  /** The entity the event is about, with its id (the webhook body's `data`). */
  data: Record<string, unknown>;
}

/** Where an event's entity came from: the automations whose actions created it, and how deep that chain was. */
export interface EventOrigin {
  automationIds: readonly string[];
  depth: number;
}

export const NO_ORIGIN: EventOrigin = { automationIds: [], depth: 0 };

/** What one action would do, as a dry run shows it and the executor runs it. */
export type PlannedAction =
  | { index: number; type: 'WEBHOOK'; webhookId: string }
  | { index: number; type: 'ACTIVITY'; name: string; description: string | null; dueInDays: number | null; contactId: string | null }
  | { index: number; type: 'ADAPTER'; adapter: string; params: Record<string, string> };

/** The contact an event is about: its own id for contact events, else its `contactId`. */
export function contactOf(event: TriggerEvent): string | null {
  if (event.type.startsWith('contact.') && typeof event.data['id'] === 'string') return event.data['id'];
  const id = event.data['contactId'] ?? event.data['contact_id'];
  return typeof id === 'string' ? id : null;
}

export function planAction(action: Action, index: number, event: TriggerEvent): PlannedAction {
  switch (action.type) {
    case 'WEBHOOK':
      return { index, type: 'WEBHOOK', webhookId: action.webhookId };
    case 'ACTIVITY':
      return {
        index,
        type: 'ACTIVITY',
        name: action.name,
        description: action.description,
        dueInDays: action.dueInDays,
        contactId: contactOf(event),
      };
    case 'ADAPTER':
      return { index, type: 'ADAPTER', adapter: action.adapter, params: action.params };
  }
}

export interface Evaluation {
  /** The event is of the automation's trigger type. */
  eventMatched: boolean;
  matched: boolean;
  conditions: ConditionResult[];
  /** What would run (nothing unless matched). */
  actions: PlannedAction[];
}

/** Evaluates one automation against one event: the dry run, and the trigger's decision (pure). */
export function evaluateAutomation(automation: Pick<AutomationState, 'event' | 'conditions' | 'actions'>, event: TriggerEvent): Evaluation {
  const eventMatched = automation.event === event.type;
  const result = evaluateConditions(automation.conditions, event.data);
  const matched = eventMatched && result.matched;
  return {
    eventMatched,
    matched,
    conditions: result.conditions,
    actions: matched ? automation.actions.map((a, i) => planAction(a, i, event)) : [],
  };
}

/** Why an automation does not run for an event although it matches; null when it runs. */
export function loopGuard(automationId: string, origin: EventOrigin): 'OWN_EFFECT' | 'CHAIN_TOO_DEEP' | null {
  if (origin.automationIds.includes(automationId)) return 'OWN_EFFECT';
  if (origin.depth >= MAX_CHAIN_DEPTH) return 'CHAIN_TOO_DEEP';
  return null;
}

/**
 * The runs one event starts: every enabled automation triggered by its type whose conditions pass,
 * except those the loop guard stops (an automation never reacts to what its own actions created,
 * and a chain of automations stops at MAX_CHAIN_DEPTH). Pure.
 */
export function planRuns(
  automations: readonly AutomationState[],
  event: TriggerEvent,
  origin: EventOrigin,
): { automationId: string; depth: number; actions: PlannedAction[] }[] {
  return automations
    .filter((a) => a.enabled && !a.deleted && loopGuard(a.id, origin) === null)
    .map((a) => ({ automationId: a.id, depth: origin.depth + 1, evaluation: evaluateAutomation(a, event) }))
    .filter((r) => r.evaluation.matched)
    .map((r) => ({ automationId: r.automationId, depth: r.depth, actions: r.evaluation.actions }));
}
