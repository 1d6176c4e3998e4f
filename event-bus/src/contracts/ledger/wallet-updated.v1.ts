import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_TOPIC, WALLET_AGGREGATE } from './topics';
import { currencySchema } from './ledger-shapes';

/** A positive decimal amount in major units ("12.50"), exact. */
const decimal = z.string().regex(/^\d{1,15}(\.\d{1,6})?$/);
const paymentMethod = z.object({ type: z.enum(['CARD', 'ACCOUNT_DEBIT', 'WALLET']), id: z.string().max(64).nullable() });

export const WALLET_LIMIT_KINDS = ['DEBIT', 'CREDIT', 'TOP_UP', 'TRANSFER'] as const;
export const WALLET_LIMIT_PERIODS = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;

export const walletLimitRuleSchema = z.object({
  id: z.uuid(),
  name: z.string().max(100).nullable(),
  appliesFor: z.array(z.enum(WALLET_LIMIT_KINDS)).min(1).max(4),
  currency: currencySchema,
  maximumAmount: decimal.nullable(),
  maximumNumber: z.int().min(0).nullable(),
  period: z.enum(WALLET_LIMIT_PERIODS),
});

export const walletSettingsSchema = z.object({
  autoTopup: z.object({ threshold: decimal, amount: decimal, currency: currencySchema, paymentMethod }).nullable(),
  termedTopup: z
    .object({
      amount: decimal,
      currency: currencySchema,
      frequency: z.string().max(50),
      period: z.enum(WALLET_LIMIT_PERIODS).nullable(),
      paymentMethod,
    })
    .nullable(),
  /** The wallet's own limit rules; null: the tenant's default rules apply. */
  limitRules: z.array(walletLimitRuleSchema).max(20).nullable(),
  activatedCommercePools: z.array(z.uuid()).max(200),
});
export type WalletSettings = z.infer<typeof walletSettingsSchema>;
export type WalletLimitRule = z.infer<typeof walletLimitRuleSchema>;

export const WalletUpdatedV1 = defineEvent({
  type: 'wallet.updated',
  schemaVersion: 1,
  aggregateType: WALLET_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    "A wallet's settings after a change (the whole set): auto and termed top-up, its own limit rules (null: the tenant's defaults) and the commerce pools its contact activated.",
  data: z.object({ settings: walletSettingsSchema }),
});
export type WalletUpdatedV1 = EventOf<typeof WalletUpdatedV1>;
