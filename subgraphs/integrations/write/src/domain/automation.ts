import type { z } from 'zod';
import type { AutomationEvent, automationAction, automationCondition } from '@crm/event-bus/contracts/integrations';

export type Condition = z.infer<typeof automationCondition>;
export type Action = z.infer<typeof automationAction>;
export type Operator = Condition['operator'];

/** What a tenant gives an automation (the events say these, and nothing else). */
export interface AutomationSettings {
  name: string;
  event: string;
  conditions: Condition[];
  actions: Action[];
  enabled: boolean;
}

/** Write-side state of one automation. */
export interface AutomationState extends AutomationSettings {
  id: string;
  version: number;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type Data<T extends AutomationEvent['type']> = Extract<AutomationEvent, { type: T }>['data'];

export type AutomationChange =
  | { type: 'automation.created'; data: Data<'automation.created'> }
  | { type: 'automation.updated'; data: Data<'automation.updated'> }
  | { type: 'automation.deleted'; data: Data<'automation.deleted'> }
  | { type: 'automation.enabled'; data: Data<'automation.enabled'> }
  | { type: 'automation.disabled'; data: Data<'automation.disabled'> };

/** Applies one event to the state (pure). */
export function evolve(state: AutomationState | null, change: AutomationChange, meta: { version: number; at: Date }): AutomationState {
  const base: AutomationState = state ?? {
    id: '',
    version: 0,
    name: '',
    event: '',
    conditions: [],
    actions: [],
    enabled: true,
    deleted: false,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  const next = { ...base, version: meta.version, updatedAt: meta.at };
  switch (change.type) {
    case 'automation.created':
      return { ...next, ...change.data, createdAt: meta.at };
    case 'automation.updated':
      return { ...next, ...change.data };
    case 'automation.deleted':
      return { ...next, deleted: true, enabled: false };
    case 'automation.enabled':
      return { ...next, enabled: true };
    case 'automation.disabled':
      return { ...next, enabled: false };
  }
}
