import { AppError } from '@crm/platform/errors';
import type { GroupDetails, GroupKind } from '@crm/event-bus/contracts/catalogue';
import { notAllowed, requireGroup, type References } from './references';

/** Checks and normalises a group's details for its kind (shared by create and update; pure). */
export function checkGroupDetails(kind: GroupKind, selfId: string | null, d: Partial<GroupDetails>, refs: References): Partial<GroupDetails> {
  const out = { ...d };
  if (out.name !== undefined) {
    out.name = out.name.trim();
    if (out.name.length === 0) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  }
  if (out.description !== undefined) out.description = out.description?.trim() || null;
  if (out.code !== undefined) out.code = out.code?.trim() || null;
  if (out.parentId) {
    if (kind !== 'CATEGORY') throw notAllowed('parent_id', 'only categories have a parent');
    if (out.parentId === selfId) throw notAllowed('parent_id', 'a category is not its own parent');
    requireGroup(refs, 'parent_id', 'CATEGORY', out.parentId);
  }
  if (kind !== 'TYPE' && (out.classification || out.composition))
    throw notAllowed('classification', 'only product types have a classification and composition');
  return out;
}
