import { AppError } from '@crm/platform/errors';
import type { ReferralInvitationsSentV1 } from '@crm/event-bus/contracts/rewards';

type Sent = ReferralInvitationsSentV1['data'];

export interface Delivery {
  outcome: 'SENT' | 'FAILED' | null;
  communicationId: string | null;
}
export interface ReferralInvitationState extends Sent {
  id: string;
  version: number;
  /** Per recipient (same order): handed to communications once. */
  deliveries: Delivery[];
  createdAt: string;
  updatedAt: string;
}
type Delivered = { index: number; outcome: 'SENT' | 'FAILED'; communicationId: string | null; reason: string | null };
export type ReferralInvitationChange = { type: 'referral.invitations_sent'; data: Sent } | { type: 'referral.invitation_delivered'; data: Delivered };

/** The recipients still to hand to communications, with their index. */
export const pendingDeliveries = (s: ReferralInvitationState): number[] => s.deliveries.flatMap((d, i) => (d.outcome === null ? [i] : []));

/** Records one invitation's delivery (pure): once per recipient. */
export function recordDelivery(state: ReferralInvitationState | null, cmd: Delivered): ReferralInvitationChange[] {
  if (!state) throw AppError.validation('invitation', 'no such invitation', 'INVALID_VALUE');
  const d = state.deliveries[cmd.index];
  if (!d) throw AppError.validation('index', `no recipient ${cmd.index}`, 'INVALID_VALUE');
  if (d.outcome !== null) return [];
  return [{ type: 'referral.invitation_delivered', data: cmd }];
}

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
  if (change.type === 'referral.invitation_delivered') {
    const { index, outcome, communicationId } = change.data;
    return {
      ...state!,
      deliveries: state!.deliveries.map((d, i) => (i === index ? { outcome, communicationId } : d)),
      version: meta.version,
      updatedAt: at,
    };
  }
  return {
    id: state?.id ?? '',
    version: meta.version,
    ...change.data,
    deliveries: change.data.recipients.map(() => ({ outcome: null, communicationId: null })),
    createdAt: at,
    updatedAt: at,
  };
}
