import type { AutomationChange, AutomationSettings, AutomationState } from './automation';
import { automationNotFound } from './automation-errors';

const same = (a: AutomationSettings, b: AutomationSettings) =>
  a.name === b.name &&
  a.event === b.event &&
  a.enabled === b.enabled &&
  JSON.stringify(a.conditions) === JSON.stringify(b.conditions) &&
  JSON.stringify(a.actions) === JSON.stringify(b.actions);

/** Replaces an automation's settings; nothing when they are the same (pure). */
export function updateAutomation(state: AutomationState | null, cmd: { id: string; settings: AutomationSettings }): AutomationChange[] {
  if (!state || state.deleted) throw automationNotFound(cmd.id);
  if (same(state, cmd.settings)) return [];
  return [{ type: 'automation.updated', data: cmd.settings }];
}
