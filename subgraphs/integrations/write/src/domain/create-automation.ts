import { AppError } from '@crm/platform/errors';
import type { AutomationChange, AutomationSettings, AutomationState } from './automation';

/** Creates an automation; its settings arrive normalised (pure). */
export function createAutomation(state: AutomationState | null, cmd: { settings: AutomationSettings }): AutomationChange[] {
  if (state) throw new AppError('CONFLICT', 'the automation exists already', { reason: 'AUTOMATION_EXISTS' });
  return [{ type: 'automation.created', data: cmd.settings }];
}
