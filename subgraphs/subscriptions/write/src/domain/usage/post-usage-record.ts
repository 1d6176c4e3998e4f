import { AppError } from '@crm/platform/errors';
import { decimalString, type USAGE_BILLING_DIRECTIVES } from '@crm/event-bus/contracts/subscriptions';
import type { ServiceRef, UsageRecordChange, UsageRecordState } from './usage';

/** POST /backoffice/v2/usage_records: one usage detail record from mediation. */
export interface PostUsageRecord {
  service: ServiceRef;
  usageProductId: string;
  usageAmount: string;
  measurementUnit: string | null;
  usageTimestamp: Date;
  chargedAmount: string | null;
  currencyCode: string | null;
  billingDirective: (typeof USAGE_BILLING_DIRECTIVES)[number];
  now: Date;
}

/** Usage is posted against a service in use; a record more than this far back is refused (billing has moved on). */
export const MAX_USAGE_AGE_DAYS = 90;

/**
 * Posts a usage record (pure): the service must be EFFECTIVE; the amount an exact positive
 * decimal; the timestamp neither in the future nor older than 90 days; a charge needs its currency.
 */
export function postUsageRecord(state: UsageRecordState | null, cmd: PostUsageRecord): UsageRecordChange[] {
  if (state) throw new AppError('CONFLICT', 'the usage record is already posted', { reason: 'USAGE_RECORD_ALREADY_POSTED' });
  if (cmd.service.state !== 'EFFECTIVE')
    throw new AppError('CONFLICT', `usage is posted against an EFFECTIVE service; this one is ${cmd.service.state}`, {
      reason: 'SERVICE_NOT_EFFECTIVE',
    });
  if (!decimalString.safeParse(cmd.usageAmount).success || /^-|^0(\.0+)?$/.test(cmd.usageAmount))
    throw AppError.validation('usageAmount', 'must be a positive decimal with at most 6 decimals', 'INVALID_VALUE');
  if (cmd.chargedAmount !== null && (!decimalString.safeParse(cmd.chargedAmount).success || cmd.chargedAmount.startsWith('-')))
    throw AppError.validation('chargedAmount', 'must be a decimal of 0 or more with at most 6 decimals', 'INVALID_VALUE');
  if ((cmd.chargedAmount === null) !== (cmd.currencyCode === null))
    throw AppError.validation(
      cmd.chargedAmount === null ? 'chargedAmount' : 'currencyCode',
      'charged_amount and currency_code go together',
      'REQUIRED',
    );
  if (cmd.usageTimestamp.getTime() > cmd.now.getTime()) throw AppError.validation('usageTimestamp', 'must not be in the future', 'INVALID_DATE');
  if (cmd.now.getTime() - cmd.usageTimestamp.getTime() > MAX_USAGE_AGE_DAYS * 86_400_000)
    throw AppError.validation('usageTimestamp', `must be within the last ${MAX_USAGE_AGE_DAYS} days`, 'INVALID_DATE');
  return [
    {
      type: 'usage.record_posted',
      data: {
        contactId: cmd.service.contactId,
        subscriptionId: cmd.service.subscriptionId,
        serviceId: cmd.service.id,
        usageProductId: cmd.usageProductId,
        usageAmount: cmd.usageAmount,
        measurementUnit: cmd.measurementUnit,
        usageTimestamp: cmd.usageTimestamp.toISOString(),
        chargedAmount: cmd.chargedAmount,
        currencyCode: cmd.currencyCode,
        billingDirective: cmd.billingDirective,
      },
    },
  ];
}
