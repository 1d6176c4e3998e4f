import type { RewardOfferCreatedV1 } from '@crm/event-bus/contracts/rewards';

export type RewardOfferDefinition = RewardOfferCreatedV1['data'];

/** Write-side state of one reward offer. */
export interface RewardOfferState extends RewardOfferDefinition {
  id: string;
  version: number;
  state: 'ACTIVE' | 'INACTIVE';
  createdAt: string;
  updatedAt: string;
}

export type RewardOfferChange =
  | { type: 'reward_offer.created'; data: RewardOfferDefinition }
  | { type: 'reward_offer.state_changed'; data: { state: 'ACTIVE' | 'INACTIVE' } };

export function evolveRewardOffer(state: RewardOfferState | null, change: RewardOfferChange, meta: { version: number; at: Date }): RewardOfferState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'reward_offer.created':
      return { id: state?.id ?? '', version: meta.version, ...change.data, state: 'INACTIVE', createdAt: at, updatedAt: at };
    case 'reward_offer.state_changed':
      return { ...state!, state: change.data.state, version: meta.version, updatedAt: at };
  }
}
