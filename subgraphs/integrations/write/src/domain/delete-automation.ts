import type { AutomationChange, AutomationState } from './automation';
import { automationNotFound } from './automation-errors';

/** Deletes an automation (pure). */
export function deleteAutomation(state: AutomationState | null, cmd: { id: string }): AutomationChange[] {
  if (!state || state.deleted) throw automationNotFound(cmd.id);
  return [{ type: 'automation.deleted', data: {} }];
}
