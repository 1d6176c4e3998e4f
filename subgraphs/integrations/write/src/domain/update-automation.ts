import type { AutomationChange, AutomationSettings, AutomationState } from './automation';
import { automationNotFound } from './automation-errors';

/** JSON with object keys sorted (stored JSON does not keep key order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const same = (a: AutomationSettings, b: AutomationSettings) =>
  a.name === b.name &&
  a.event === b.event &&
  a.enabled === b.enabled &&
  canonical(a.conditions) === canonical(b.conditions) &&
  canonical(a.actions) === canonical(b.actions);

/** Replaces an automation's settings; nothing when they are the same (pure). */
export function updateAutomation(state: AutomationState | null, cmd: { id: string; settings: AutomationSettings }): AutomationChange[] {
  if (!state || state.deleted) throw automationNotFound(cmd.id);
  if (same(state, cmd.settings)) return [];
  return [{ type: 'automation.updated', data: cmd.settings }];
}
