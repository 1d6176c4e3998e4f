import type { ContactProfile } from '@crm/event-bus/contracts/contacts';
import { type ContactChange, type ContactState, requireActive } from './contact';
import { assertNamed, normaliseProfile, type ProfileInput } from './profile';

export type UpdateContact = ProfileInput;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Patches profile fields; only fields whose value really changes go into the event. */
export function updateContact(
  state: ContactState | null,
  cmd: UpdateContact,
  ctx: { now: Date; newId: () => string; idOrCode: string },
): ContactChange[] {
  const current = requireActive(state, ctx.idOrCode);
  const patch = normaliseProfile(cmd, ctx.now, ctx.newId, current.phones);
  const changed: Partial<ContactProfile> = {};
  for (const [key, value] of Object.entries(patch) as [keyof ContactProfile, unknown][]) {
    if (!same(current[key], value)) (changed as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(changed).length === 0) return [];
  assertNamed(current.type, { ...current, ...changed });
  return [{ type: 'contact.updated', data: changed }];
}
