import type { UsageAllowanceSetV1, UsageEvent, UsageRecordPostedV1 } from '@crm/event-bus/contracts/subscriptions';

/** One usage record as the read side keeps it (amounts exact decimal strings). */
export interface UsageRecordView extends Readonly<UsageRecordPostedV1['data']> {
  id: string;
  version: number;
  createdAt: string;
}

/** A service's usage allowance. */
export interface UsageAllowanceView extends Readonly<UsageAllowanceSetV1['data']> {
  version: number;
  updatedAt: string;
}

type Projected<T extends UsageEvent['type']> = Pick<
  Extract<UsageEvent, { type: T }>,
  'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'
>;

/** A posted record becomes its view (pure; records never change afterwards). */
export function projectUsageRecord(_view: UsageRecordView | null, e: Projected<'usage.record_posted'>): UsageRecordView {
  return { ...e.data, id: e.aggregateId, version: e.aggregateVersion, createdAt: e.occurredAt };
}

/** The latest allowance list replaces the previous one (pure). */
export function projectUsageAllowance(_view: UsageAllowanceView | null, e: Projected<'usage.allowance_set'>): UsageAllowanceView {
  return { ...e.data, version: e.aggregateVersion, updatedAt: e.occurredAt };
}
