import type { RewardSchemeEvent } from '@crm/event-bus/contracts/rewards';

/** The read model of one reward scheme. */
export interface RewardSchemeView {
  id: string;
  version: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Folds one event into the view (pure). The projector engine hands events in aggregate-version
 * order and skips redeliveries; this function only knows how each event changes the view.
 */
export function projectRewardScheme(
  _view: RewardSchemeView | null,
  event: Pick<RewardSchemeEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): RewardSchemeView {
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'reward_scheme.created':
      return { id: event.aggregateId, version: event.aggregateVersion, name: event.data.name, createdAt: at, updatedAt: at };
  }
}
