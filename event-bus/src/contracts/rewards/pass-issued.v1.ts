import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { decimalString } from './rewards-shapes';
import { PASS_AGGREGATE, PASS_CLASSIFICATIONS, PASS_POCKETS, passGiftSenderShape, passRecipientShape } from './passes-shapes';

export const PassIssuedV1 = defineEvent({
  type: 'pass.issued',
  schemaVersion: 1,
  aggregateType: PASS_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A pass was issued: its value and expiry; its code and PIN are kept only as SHA-256 hashes (answered once at issue).',
  data: z.object({
    planId: z.string(),
    batchId: z.string(),
    classification: z.enum(PASS_CLASSIFICATIONS),
    value: decimalString,
    currency: z.string().length(3),
    codeHash: z.string(),
    codeHint: z.string(),
    pinHash: z.string().nullable(),
    viewTokenHash: z.string().nullable(),
    expiresAt: z.string().nullable(),
    creditPocket: z.enum(PASS_POCKETS),
    commercePoolId: z.string().nullable(),
    recipient: passRecipientShape,
    giftSender: passGiftSenderShape,
  }),
});
export type PassIssuedV1 = EventOf<typeof PassIssuedV1>;
