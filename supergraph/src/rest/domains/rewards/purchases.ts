import type { NotFoundSubject } from '@crm/platform/errors';
import { param, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, isUuid } from '../../kit/request';
import { GET_PURCHASE, type GqlPurchase } from './operations';

export const PURCHASE = 'purchase' as NotFoundSubject;

/** The purchase of the path (`:id`); 404 when the caller cannot see it (another tenant's, or another contact's). */
export async function purchaseOf(ctx: Parameters<Handler>[0]): Promise<GqlPurchase> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(PURCHASE, raw);
  const data = await ctx.gateway.run(GET_PURCHASE, { id: canonicalPathId(raw) }, snakeCaseFields);
  const found = data['purchase'] as GqlPurchase | null;
  if (!found) throw recordNotFound(PURCHASE, raw);
  return found;
}
