import type { ServiceStateName, UsageAllowanceSetV1, UsageEvent, UsageRecordPostedV1 } from '@crm/event-bus/contracts/subscriptions';

/** A posted usage record (its posting event's data; records are never changed afterwards). */
export interface UsageRecordState extends Readonly<UsageRecordPostedV1['data']> {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A service's usage allowance: the limits per usage product. */
export interface UsageAllowanceState extends Readonly<UsageAllowanceSetV1['data']> {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type UsageChange<T extends UsageEvent['type']> = Pick<Extract<UsageEvent, { type: T }>, 'type' | 'data'>;
export type UsageRecordChange = UsageChange<'usage.record_posted'>;
export type UsageAllowanceChange = UsageChange<'usage.allowance_set'>;

/** The service a usage command names, as the command handler read it (with its subscription and contact). */
export interface ServiceRef {
  id: string;
  subscriptionId: string;
  contactId: string;
  state: ServiceStateName;
}

export function evolveUsageRecord(state: UsageRecordState | null, e: UsageRecordChange, meta: { version: number; at: Date }): UsageRecordState {
  return { ...e.data, id: state?.id ?? '', version: meta.version, createdAt: state?.createdAt ?? meta.at, updatedAt: meta.at };
}

export function evolveUsageAllowance(
  state: UsageAllowanceState | null,
  e: UsageAllowanceChange,
  meta: { version: number; at: Date },
): UsageAllowanceState {
  return { ...e.data, id: state?.id ?? '', version: meta.version, createdAt: state?.createdAt ?? meta.at, updatedAt: meta.at };
}
