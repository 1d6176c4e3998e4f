import { AppError } from '@crm/platform/errors';
import type { ProductAllowance } from '@crm/event-bus/contracts/contacts/community';
import { allowanceOf, type AllowanceInput } from './settings';
import { requireOwned, type RelationshipChange, type RelationshipState } from './relationship';

export const MAX_ALLOWANCES = 100;

const set = (list: ProductAllowance[]): RelationshipChange[] => [{ type: 'community.products_allowance_set', data: { productsAllowance: list } }];

const notFound = (id: string) => new AppError('NOT_FOUND', `product allowance ${id} was not found`, { reason: 'PRODUCT_ALLOWANCE_NOT_FOUND' });

/** The owner adds product allowances (ids given by the application); one item named twice is refused (pure). */
export function addProductsAllowance(
  state: RelationshipState | null,
  cmd: { ownerId: string; items: { id: string; input: AllowanceInput }[] },
  ref: string,
): RelationshipChange[] {
  const current = requireOwned(state, cmd.ownerId, ref);
  if (cmd.items.length === 0) throw AppError.validation('products_allowance', 'give at least one', 'REQUIRED');
  const added = cmd.items.map((it, i) => allowanceOf(`products_allowance[${i}]`, it.id, it.input));
  const next = [...current.productsAllowance, ...added];
  const keys = new Set<string>();
  for (const a of next) {
    const key = `${a.itemType}:${a.itemId}`;
    if (keys.has(key))
      throw new AppError('CONFLICT', `an allowance for ${a.itemType} ${a.itemId} exists already`, {
        field: 'item_id',
        reason: 'DUPLICATE_ALLOWANCE',
      });
    keys.add(key);
  }
  if (next.length > MAX_ALLOWANCES) throw AppError.validation('products_allowance', `at most ${MAX_ALLOWANCES}`, 'TOO_MANY');
  return set(next);
}

/** The owner changes one product allowance; fields left out keep their value (pure). */
export function updateProductAllowance(
  state: RelationshipState | null,
  cmd: { ownerId: string; allowanceId: string; input: AllowanceInput },
  ref: string,
): RelationshipChange[] {
  const current = requireOwned(state, cmd.ownerId, ref);
  const old = current.productsAllowance.find((a) => a.id === cmd.allowanceId);
  if (!old) throw notFound(cmd.allowanceId);
  const changed = allowanceOf('products_allowance', old.id, cmd.input, old);
  if (current.productsAllowance.some((a) => a.id !== old.id && a.itemType === changed.itemType && a.itemId === changed.itemId))
    throw new AppError('CONFLICT', `an allowance for ${changed.itemType} ${changed.itemId} exists already`, {
      field: 'item_id',
      reason: 'DUPLICATE_ALLOWANCE',
    });
  if (JSON.stringify(changed) === JSON.stringify(old)) return [];
  return set(current.productsAllowance.map((a) => (a.id === old.id ? changed : a)));
}

/** The owner removes one product allowance (pure). */
export function removeProductAllowance(
  state: RelationshipState | null,
  cmd: { ownerId: string; allowanceId: string },
  ref: string,
): RelationshipChange[] {
  const current = requireOwned(state, cmd.ownerId, ref);
  if (!current.productsAllowance.some((a) => a.id === cmd.allowanceId)) throw notFound(cmd.allowanceId);
  return set(current.productsAllowance.filter((a) => a.id !== cmd.allowanceId));
}
