import { type ContactChange, type ContactState, requireActive } from './contact';

export function unregisterContact(state: ContactState | null, ctx: { idOrCode: string }): ContactChange[] {
  const current = requireActive(state, ctx.idOrCode);
  return [{ type: 'contact.unregistered', data: { code: current.code } }];
}
