import { AppError } from '@crm/platform/errors';
import type { ReferralInvitationsSentV1 } from '@crm/event-bus/contracts/rewards';

type Sent = ReferralInvitationsSentV1['data'];

export interface ReferralInvitationState extends Sent {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export type ReferralInvitationChange = { type: 'referral.invitations_sent'; data: Sent };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
const PHONE = /^\+?[0-9]{6,15}$/;
export const MAX_RECIPIENTS = 20;

/** A contact invites people with its referral code (pure): action SEND, 1 to 20 emails or phone numbers, each valid, duplicates once. */
export function sendInvitations(
  state: ReferralInvitationState | null,
  cmd: { contactId: string; action: string; recipients: string[] },
): ReferralInvitationChange[] {
  if (state) return [];
  if (cmd.action !== 'SEND') throw AppError.validation('action', 'must be SEND', 'INVALID_ENUM');
  if (cmd.recipients.length === 0) throw AppError.validation('recipients', 'name at least one email address or phone number', 'REQUIRED');
  if (cmd.recipients.length > MAX_RECIPIENTS) throw AppError.validation('recipients', `at most ${MAX_RECIPIENTS} at a time`, 'TOO_MANY');
  const seen = new Set<string>();
  const recipients: Sent['recipients'] = [];
  cmd.recipients.forEach((raw, i) => {
    const v = raw.trim();
    const compact = v.replace(/[\s()-]/g, '');
    let r: Sent['recipients'][number];
    if (EMAIL.test(v)) r = { channel: 'EMAIL', address: v.toLowerCase() };
    else if (PHONE.test(compact)) r = { channel: 'SMS', address: compact };
    else throw AppError.validation(`recipients.${i}`, 'must be an email address or a phone number', 'INVALID_VALUE');
    if (!seen.has(r.address)) {
      seen.add(r.address);
      recipients.push(r);
    }
  });
  return [{ type: 'referral.invitations_sent', data: { contactId: cmd.contactId, action: cmd.action, recipients } }];
}

export function evolveInvitation(
  state: ReferralInvitationState | null,
  change: ReferralInvitationChange,
  meta: { version: number; at: Date },
): ReferralInvitationState {
  const at = meta.at.toISOString();
  return { id: state?.id ?? '', version: meta.version, ...change.data, createdAt: at, updatedAt: at };
}
