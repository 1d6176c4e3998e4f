import { groupOf, settingsOf, type SettingsInput } from './settings';
import { requireOwned, type RelationshipChange, type RelationshipState } from './relationship';

export interface UpdatePerson {
  ownerId: string;
  /** undefined: keep; null: none. */
  relation?: { id: string; name: string } | null;
  group?: string | null;
  settings: SettingsInput;
}

/** The owner changes a person's relation, group or grants; fields left out keep their value (pure). */
export function updatePerson(state: RelationshipState | null, cmd: UpdatePerson, ref: string): RelationshipChange[] {
  const current = requireOwned(state, cmd.ownerId, ref);
  const data = {
    relation: cmd.relation === undefined ? current.relation : cmd.relation,
    group: cmd.group === undefined ? current.group : groupOf(cmd.group),
    settings: settingsOf(cmd.settings, current.settings),
  };
  if (JSON.stringify(data) === JSON.stringify({ relation: current.relation, group: current.group, settings: current.settings })) return [];
  return [{ type: 'community.person_updated', data }];
}
