import { AppError } from '@crm/platform/errors';
import type { CommunicationChannel, CommunicationTrigger } from '@crm/event-bus/contracts/engagement';
import type { CommunicationChange, CommunicationState } from './communication';

/** What the engagement side knows of a contact (from the contacts domain’s events). */
export interface ContactProfile {
  id: string;
  email: string | null;
  phone: string | null;
  languageCode: string | null;
  emailOptOut: boolean;
  smsOptOut: boolean;
}

/** A communication to send: already rendered; to a contact (its address on the channel) and/or an explicit recipient. */
export interface RequestCommunication {
  name: string;
  trigger: CommunicationTrigger;
  channel: CommunicationChannel;
  language: string;
  contact: ContactProfile | null;
  /** Overrides the contact's address on the channel (ad-hoc sends). */
  recipient: string | null;
  sender: string | null;
  subject: string | null;
  content: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9]{6,20}$/;

/**
 * Records a communication (pure). Opt-outs are honoured: a contact that opted out of EMAIL or SMS
 * gets none (REJECTED OPTED_OUT, nothing delivered); no address on the channel: REJECTED
 * NO_RECIPIENT. INAPP lands in the contact's inbox at once (COMPLETED). Others stay PENDING for
 * the delivery worker.
 */
export function requestCommunication(state: CommunicationState | null, cmd: RequestCommunication): CommunicationChange[] {
  if (state) throw new AppError('CONFLICT', 'the communication exists', { reason: 'COMMUNICATION_EXISTS' });
  const name = cmd.name.trim();
  if (!name || name.length > 200) throw AppError.validation('name', 'must be 1 to 200 characters', 'INVALID_LENGTH');
  if (!cmd.content.trim() || cmd.content.length > 20000) throw AppError.validation('content', 'must be 1 to 20000 characters', 'INVALID_LENGTH');
  const subject = cmd.subject?.trim() || null;
  if (subject && subject.length > 500) throw AppError.validation('subject', 'must be at most 500 characters', 'TOO_LONG');
  if (cmd.channel === 'INAPP' && !cmd.contact) throw AppError.validation('contact_id', 'an in-app communication goes to a contact', 'REQUIRED');
  const address = cmd.channel === 'EMAIL' ? (cmd.contact?.email ?? null) : cmd.channel === 'SMS' ? (cmd.contact?.phone ?? null) : null;
  const recipient = cmd.recipient?.trim() || address;
  if (recipient && cmd.channel === 'EMAIL' && !EMAIL.test(recipient))
    throw AppError.validation('recipient', 'must be an email address', 'INVALID_EMAIL');
  if (recipient && cmd.channel === 'SMS' && !PHONE.test(recipient.replace(/[\s-]/g, '')))
    throw AppError.validation('recipient', 'must be a phone number', 'INVALID_VALUE');
  const requested: CommunicationChange = {
    type: 'communication.requested',
    data: {
      name,
      trigger: cmd.trigger,
      channel: cmd.channel,
      language: cmd.language,
      contactId: cmd.contact?.id ?? null,
      recipient,
      sender: cmd.sender,
      subject,
      content: cmd.content,
    },
  };
  const optedOut = (cmd.channel === 'EMAIL' && cmd.contact?.emailOptOut) || (cmd.channel === 'SMS' && cmd.contact?.smsOptOut);
  if (optedOut) return [requested, { type: 'communication.rejected', data: { reason: 'OPTED_OUT' } }];
  if (cmd.channel === 'INAPP') return [requested, { type: 'communication.delivered', data: { attempt: 1, providerId: null } }];
  if (!recipient) return [requested, { type: 'communication.rejected', data: { reason: 'NO_RECIPIENT' } }];
  return [requested];
}
