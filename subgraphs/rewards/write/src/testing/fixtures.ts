import { registry } from '@crm/event-bus/contracts';
import type { RewardOfferState } from '../domain/reward-offer';

/** Validates an emitted change against its contract once it has an envelope (for deciderSpecification). */
export function validateChange(aggregateType: string, at: Date) {
  return (change: { type: string; data: unknown }, version: number) =>
    registry.validate({
      id: '00000000-0000-4000-8000-000000000900',
      type: change.type,
      schemaVersion: 1,
      tenantId: 't1',
      aggregateType,
      aggregateId: '00000000-0000-4000-8000-000000000999',
      aggregateVersion: version,
      occurredAt: at.toISOString(),
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
      data: change.data,
    });
}

export const SCHEME_ID = '00000000-0000-4000-8000-00000000a001';

/** An ACTIVE offer awarding a fixed 1.00 with no condition; tests override what they exercise. */
export function offer(
  over: Partial<Omit<RewardOfferState, 'conditions' | 'award' | 'caps'>> & {
    conditions?: Partial<RewardOfferState['conditions']>;
    award?: Partial<RewardOfferState['award']>;
    caps?: Partial<RewardOfferState['caps']>;
  } = {},
): RewardOfferState {
  const { conditions, award, caps, ...rest } = over;
  return {
    id: '00000000-0000-4000-8000-00000000b001',
    version: 2,
    schemeId: SCHEME_ID,
    name: 'Offer',
    shortDescription: null,
    termsAndConditions: null,
    type: 'DISCOUNT',
    goal: 'SPEND',
    priority: 100,
    currency: 'EUR',
    validityDays: null,
    commercePoolId: null,
    state: 'ACTIVE',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...rest,
    conditions: {
      minAmount: null,
      organisationIds: [],
      classifications: [],
      productSkus: [],
      productCategories: [],
      daysOfWeek: [],
      timeWindows: [],
      timeZone: 'UTC',
      tiers: [],
      ...conditions,
    },
    award: { method: 'FIXED', amount: '1.00', percent: null, productSkus: [], productCategories: [], ...award },
    caps: { perPurchase: null, perContact: null, ...caps },
  };
}
