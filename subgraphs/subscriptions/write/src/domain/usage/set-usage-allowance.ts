import { AppError } from '@crm/platform/errors';
import { decimalString, type UsageAllowanceSetV1 } from '@crm/event-bus/contracts/subscriptions';
import type { ServiceRef, UsageAllowanceChange, UsageAllowanceState } from './usage';

type Allowance = UsageAllowanceSetV1['data']['allowances'][number];

/** PUT /backoffice/v2/services/{id}/usage_allowance: the whole list of limits per usage product. */
export interface SetUsageAllowance {
  service: ServiceRef;
  allowances: Allowance[];
}

const ENDED = new Set(['CANCELLED', 'REGRETTED', 'SWAPPED', 'REMOVED']);

/** Sets a service's usage allowance (pure): one entry per product, limits exact decimals of 0 or more; the same list again changes nothing. */
export function setUsageAllowance(state: UsageAllowanceState | null, cmd: SetUsageAllowance): UsageAllowanceChange[] {
  if (ENDED.has(cmd.service.state)) throw new AppError('CONFLICT', `the service is ${cmd.service.state}`, { reason: 'SERVICE_TERMINATED' });
  const seen = new Set<string>();
  cmd.allowances.forEach((a, i) => {
    if (seen.has(a.productId)) throw AppError.validation(`allowances[${i}].productId`, 'is given twice', 'DUPLICATE');
    seen.add(a.productId);
    for (const [k, v] of Object.entries(a.limits))
      if (v !== null && (!decimalString.safeParse(v).success || v.startsWith('-')))
        throw AppError.validation(`allowances[${i}].limits.${k}`, 'must be a decimal of 0 or more with at most 6 decimals', 'INVALID_VALUE');
  });
  if (state && JSON.stringify(state.allowances) === JSON.stringify(cmd.allowances)) return [];
  return [
    {
      type: 'usage.allowance_set',
      data: { serviceId: cmd.service.id, contactId: cmd.service.contactId, subscriptionId: cmd.service.subscriptionId, allowances: cmd.allowances },
    },
  ];
}
