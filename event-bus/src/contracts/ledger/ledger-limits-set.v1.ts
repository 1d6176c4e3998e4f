import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_LIMITS_AGGREGATE, LEDGER_TOPIC } from './topics';
import { walletLimitRuleSchema } from './wallet-updated.v1';

export const LedgerLimitsSetV1 = defineEvent({
  type: 'ledger_limits.set',
  schemaVersion: 1,
  aggregateType: LEDGER_LIMITS_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    "The tenant's default wallet limit rules (the whole set; aggregate id `default`): they apply to every wallet without rules of its own.",
  data: z.object({ limitRules: z.array(walletLimitRuleSchema).max(20) }),
});
export type LedgerLimitsSetV1 = EventOf<typeof LedgerLimitsSetV1>;
