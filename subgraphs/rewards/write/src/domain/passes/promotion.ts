import { AppError } from '@crm/platform/errors';
import type { PromotionDoc } from '@crm/event-bus/contracts/rewards';
import { oneOf } from '../create-reward-scheme';

/** Write-side state of one promotion. */
export interface PromotionState extends PromotionDoc {
  id: string;
  version: number;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

export type PromotionChange =
  | { type: 'promotion.created'; data: PromotionDoc }
  | { type: 'promotion.updated'; data: PromotionDoc }
  | { type: 'promotion.deleted'; data: Record<string, never> };

export function evolvePromotion(state: PromotionState | null, change: PromotionChange, meta: { version: number; at: Date }): PromotionState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'promotion.created':
      return { id: state?.id ?? '', version: meta.version, ...change.data, deleted: false, createdAt: at, updatedAt: at };
    case 'promotion.updated':
      return { ...state!, ...change.data, version: meta.version, updatedAt: at };
    case 'promotion.deleted':
      return { ...state!, deleted: true, version: meta.version, updatedAt: at };
  }
}

export interface PromotionInput {
  name: string;
  shortDescription: string | null;
  longDescription: string | null;
  state: string;
  currency: string;
  availableFrom: Date | null;
  availableTo: Date | null;
  tags: string[];
  organisationIds: string[];
  rewardOfferId: string | null;
}

export function promotionDoc(cmd: PromotionInput): PromotionDoc {
  const name = cmd.name.trim();
  if (!name) throw AppError.validation('name', 'must not be empty', 'REQUIRED');
  if (name.length > 200) throw AppError.validation('name', 'must be at most 200 characters', 'TOO_LONG');
  const currency = cmd.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw AppError.validation('currencyCode', 'must be an ISO-4217 code', 'INVALID_VALUE');
  const from = cmd.availableFrom;
  const to = cmd.availableTo;
  if (from && Number.isNaN(from.getTime())) throw AppError.validation('availability.fromDate', 'must be a date', 'INVALID_VALUE');
  if (to && Number.isNaN(to.getTime())) throw AppError.validation('availability.toDate', 'must be a date', 'INVALID_VALUE');
  if (from && to && to.getTime() < from.getTime()) throw AppError.validation('availability.toDate', 'must not be before the start', 'INVALID_VALUE');
  return {
    name,
    shortDescription: cmd.shortDescription?.trim() || null,
    longDescription: cmd.longDescription?.trim() || null,
    state: oneOf('state', cmd.state, ['ACTIVE', 'INACTIVE'] as const),
    currency,
    availableFrom: from ? from.toISOString() : null,
    availableTo: to ? to.toISOString() : null,
    tags: [...new Set(cmd.tags.map((t) => t.trim()).filter(Boolean))],
    organisationIds: [...new Set(cmd.organisationIds)],
    rewardOfferId: cmd.rewardOfferId,
  };
}

export function createPromotion(state: PromotionState | null, cmd: PromotionInput): PromotionChange[] {
  if (state) throw new AppError('CONFLICT', 'the promotion exists already', { reason: 'PROMOTION_EXISTS' });
  return [{ type: 'promotion.created', data: promotionDoc(cmd) }];
}

export function updatePromotion(state: PromotionState | null, cmd: PromotionInput): PromotionChange[] {
  if (!state || state.deleted) throw AppError.notFound('promotion', '');
  const next = promotionDoc(cmd);
  const { id: _i, version: _v, deleted: _d, createdAt: _c, updatedAt: _u, ...current } = state;
  const same = (Object.keys(next) as (keyof PromotionDoc)[]).every((k) => JSON.stringify(next[k]) === JSON.stringify(current[k]));
  return same ? [] : [{ type: 'promotion.updated', data: next }];
}

export function deletePromotion(state: PromotionState | null): PromotionChange[] {
  if (!state || state.deleted) throw AppError.notFound('promotion', '');
  return [{ type: 'promotion.deleted', data: {} }];
}
