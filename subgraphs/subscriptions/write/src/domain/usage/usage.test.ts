import { describe, it } from 'node:test';
import { USAGE_ALLOWANCE_AGGREGATE, USAGE_RECORD_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import { deciderSpecification } from '@crm/platform/testing';
import { validateChange } from '../validate-change';
import {
  evolveUsageAllowance,
  evolveUsageRecord,
  type ServiceRef,
  type UsageAllowanceChange,
  type UsageAllowanceState,
  type UsageRecordChange,
  type UsageRecordState,
} from './usage';
import { postUsageRecord, type PostUsageRecord } from './post-usage-record';
import { setUsageAllowance, type SetUsageAllowance } from './set-usage-allowance';

const at = new Date('2026-05-10T10:00:00.000Z');
const service: ServiceRef = {
  id: '00000000-0000-4000-8000-00000000a001',
  subscriptionId: '00000000-0000-4000-8000-00000000e001',
  contactId: '00000000-0000-4000-8000-00000000c001',
  state: 'EFFECTIVE',
};

const records = deciderSpecification<UsageRecordState, UsageRecordChange, PostUsageRecord>({
  decide: postUsageRecord,
  evolve: evolveUsageRecord,
  at,
  validate: (c, v) => validateChange(c, v, at, USAGE_RECORD_AGGREGATE),
});
const allowances = deciderSpecification<UsageAllowanceState, UsageAllowanceChange, SetUsageAllowance>({
  decide: setUsageAllowance,
  evolve: evolveUsageAllowance,
  at,
  validate: (c, v) => validateChange(c, v, at, USAGE_ALLOWANCE_AGGREGATE),
});

const post = (extra: Partial<PostUsageRecord> = {}): PostUsageRecord => ({
  service,
  usageProductId: 'data-mb',
  usageAmount: '12.345678',
  measurementUnit: 'MB',
  usageTimestamp: new Date(at.getTime() - 3_600_000),
  chargedAmount: '0.50',
  currencyCode: 'EUR',
  billingDirective: 'TO_BE_BILLED',
  now: at,
  ...extra,
});

describe('postUsageRecord', () => {
  it('posts an exact decimal amount against an EFFECTIVE service', () => {
    records
      .given()
      .when(post())
      .then([
        {
          type: 'usage.record_posted',
          data: {
            contactId: service.contactId,
            subscriptionId: service.subscriptionId,
            serviceId: service.id,
            usageProductId: 'data-mb',
            usageAmount: '12.345678',
            measurementUnit: 'MB',
            usageTimestamp: '2026-05-10T09:00:00.000Z',
            chargedAmount: '0.50',
            currencyCode: 'EUR',
            billingDirective: 'TO_BE_BILLED',
          },
        },
      ]);
  });
  it('refuses a service not in use, inexact or non-positive amounts, future or stale timestamps, a charge without currency', () => {
    for (const state of ['PAUSED', 'DRAFT', 'CANCELLED', 'NOT_EFFECTIVE'] as const)
      records
        .given()
        .when(post({ service: { ...service, state } }))
        .thenFails({ reason: 'SERVICE_NOT_EFFECTIVE' });
    for (const bad of ['0', '0.000', '-1', '1.1234567', '1e3', 'abc'])
      records
        .given()
        .when(post({ usageAmount: bad }))
        .thenFails({ field: 'usageAmount' });
    records
      .given()
      .when(post({ chargedAmount: '-0.5' }))
      .thenFails({ field: 'chargedAmount' });
    records
      .given()
      .when(post({ currencyCode: null }))
      .thenFails({ field: 'currencyCode' });
    records
      .given()
      .when(post({ usageTimestamp: new Date(at.getTime() + 1000) }))
      .thenFails({ field: 'usageTimestamp' });
    records
      .given()
      .when(post({ usageTimestamp: new Date(at.getTime() - 91 * 86_400_000) }))
      .thenFails({ field: 'usageTimestamp' });
  });
});

describe('setUsageAllowance', () => {
  const limits = { perTransaction: '100', perDay: '500.5', perBillingCycle: null };
  const set = (list: SetUsageAllowance['allowances'], s: ServiceRef = service): SetUsageAllowance => ({ service: s, allowances: list });
  const change = (list: SetUsageAllowance['allowances']): UsageAllowanceChange => ({
    type: 'usage.allowance_set',
    data: { serviceId: service.id, contactId: service.contactId, subscriptionId: service.subscriptionId, allowances: list },
  });
  const list = [{ productId: 'data-mb', measurementUnit: 'MB', limits }];
  it('sets the limits; the same list again changes nothing; a new list replaces it', () => {
    allowances
      .given()
      .when(set(list))
      .then([change(list)]);
    allowances.given(change(list)).when(set(list)).then([]);
    allowances
      .given(change(list))
      .when(set([]))
      .then([change([])]);
  });
  it('refuses a product twice, negative or inexact limits, an ended service', () => {
    allowances
      .given()
      .when(set([...list, ...list]))
      .thenFails({ field: 'allowances[1].productId' });
    allowances
      .given()
      .when(set([{ productId: 'x', measurementUnit: null, limits: { ...limits, perDay: '-1' } }]))
      .thenFails({ field: 'allowances[0].limits.perDay' });
    allowances
      .given()
      .when(set([{ productId: 'x', measurementUnit: null, limits: { ...limits, perTransaction: '0.0000001' } }]))
      .thenFails({ field: 'allowances[0].limits.perTransaction' });
    allowances
      .given()
      .when(set(list, { ...service, state: 'CANCELLED' }))
      .thenFails({ reason: 'SERVICE_TERMINATED' });
  });
});
