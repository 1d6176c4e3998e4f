import type { RewardSchemeCreatedV1 } from '@crm/event-bus/contracts/rewards';

type Created = RewardSchemeCreatedV1['data'];

/** Write-side state of one reward scheme (JSON-shaped: the store keeps it as a document). */
export interface RewardSchemeState extends Created {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type RewardSchemeChange =
  | { type: 'reward_scheme.created'; data: Created }
  | { type: 'reward_scheme.state_changed'; data: { state: Created['state'] } };

/** Applies one event to the state (pure). */
export function evolveRewardScheme(
  state: RewardSchemeState | null,
  change: RewardSchemeChange,
  meta: { version: number; at: Date },
): RewardSchemeState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'reward_scheme.created':
      return { id: state?.id ?? '', version: meta.version, ...change.data, createdAt: at, updatedAt: at };
    case 'reward_scheme.state_changed':
      return { ...state!, state: change.data.state, version: meta.version, updatedAt: at };
  }
}
