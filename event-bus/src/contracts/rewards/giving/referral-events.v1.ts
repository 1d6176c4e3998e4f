import { z } from 'zod';
import { defineEvent, type EventOf } from '../../define-event';
import { REWARDS_TOPIC } from '../topics';
import { GIVING_OUTCOMES, REFERRAL_AGGREGATE, REFERRAL_INVITATION_AGGREGATE, referralAwardShape } from './shapes';

export const ReferralRecordedV1 = defineEvent({
  type: 'referral.recorded',
  schemaVersion: 1,
  aggregateType: REFERRAL_AGGREGATE,
  topic: REWARDS_TOPIC,
  description:
    'A new contact registered with a referrer’s code (once per referred contact); the awards the referrer earns, to post through the ledger.',
  data: z.object({
    referrerId: z.string(),
    referredId: z.string(),
    code: z.string(),
    awards: z.array(referralAwardShape),
  }),
});
export type ReferralRecordedV1 = EventOf<typeof ReferralRecordedV1>;

export const ReferralAwardCompletedV1 = defineEvent({
  type: 'referral.award_completed',
  schemaVersion: 1,
  aggregateType: REFERRAL_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'One award of a referral was posted to the referrer’s wallet (or declined by the ledger); recorded once.',
  data: z.object({ key: z.string(), outcome: z.enum(GIVING_OUTCOMES), transactionId: z.string().nullable() }),
});
export type ReferralAwardCompletedV1 = EventOf<typeof ReferralAwardCompletedV1>;

export const ReferralInvitationsSentV1 = defineEvent({
  type: 'referral.invitations_sent',
  schemaVersion: 1,
  aggregateType: REFERRAL_INVITATION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact asked to invite people (emails or phone numbers) with its referral code; communications deliver them.',
  data: z.object({
    contactId: z.string(),
    action: z.string(),
    recipients: z.array(z.object({ channel: z.enum(['EMAIL', 'SMS']), address: z.string() })),
  }),
});
export type ReferralInvitationsSentV1 = EventOf<typeof ReferralInvitationsSentV1>;

export const ReferralInvitationDeliveredV1 = defineEvent({
  type: 'referral.invitation_delivered',
  schemaVersion: 1,
  aggregateType: REFERRAL_INVITATION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'One invitation was handed to communications (SENT, with its communication) or refused by them (FAILED); recorded once.',
  data: z.object({
    index: z.number().int().min(0),
    outcome: z.enum(['SENT', 'FAILED']),
    communicationId: z.string().nullable(),
    reason: z.string().nullable(),
  }),
});
export type ReferralInvitationDeliveredV1 = EventOf<typeof ReferralInvitationDeliveredV1>;
