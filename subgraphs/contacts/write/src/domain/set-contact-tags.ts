import { type ContactChange, type ContactState, requireActive } from './contact';
import * as v from './validate';

export interface SetContactTags {
  tags: string[];
}

export function setContactTags(state: ContactState | null, cmd: SetContactTags, ctx: { idOrCode: string }): ContactChange[] {
  const current = requireActive(state, ctx.idOrCode);
  const tags = v.tags('tags', cmd.tags);
  if (JSON.stringify(tags) === JSON.stringify(current.tags)) return [];
  return [{ type: 'contact.tags_set', data: { tags } }];
}
