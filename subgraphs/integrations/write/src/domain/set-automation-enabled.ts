import type { AutomationChange, AutomationState } from './automation';
import { automationNotFound } from './automation-errors';

/** Enables or disables an automation; nothing when it is so already (pure). */
export function setAutomationEnabled(state: AutomationState | null, cmd: { id: string; enabled: boolean }): AutomationChange[] {
  if (!state || state.deleted) throw automationNotFound(cmd.id);
  if (state.enabled === cmd.enabled) return [];
  return [cmd.enabled ? { type: 'automation.enabled', data: {} } : { type: 'automation.disabled', data: {} }];
}
