import { createHash } from 'node:crypto';
import { AppError } from '@crm/platform/errors';
import { TOKEN_INTENTS } from '@crm/event-bus/contracts/rewards';
import { oneOf } from './create-reward-scheme';
import { fromMinor, toMinor } from './money';

/** A short-lived token identifying a contact at the till (6 digits; only their hash is kept). */
export interface ContactTokenState {
  id: string;
  version: number;
  contactId: string;
  intent: (typeof TOKEN_INTENTS)[number];
  spendAmount: string | null;
  valueHash: string;
  expiresAt: string;
  usedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ContactTokenChange =
  | {
      type: 'contact_token.issued';
      data: { contactId: string; intent: ContactTokenState['intent']; spendAmount: string | null; valueHash: string; expiresAt: string };
    }
  | { type: 'contact_token.used'; data: { purchaseId: string } };

export function evolveContactToken(
  state: ContactTokenState | null,
  change: ContactTokenChange,
  meta: { version: number; at: Date },
): ContactTokenState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'contact_token.issued':
      return { id: state?.id ?? '', version: meta.version, ...change.data, usedBy: null, createdAt: at, updatedAt: at };
    case 'contact_token.used':
      return { ...state!, usedBy: change.data.purchaseId, version: meta.version, updatedAt: at };
  }
}

/** The hash a token's value is kept and looked up by (per tenant). */
export const tokenHash = (tenantId: string, value: string): string => createHash('sha256').update(`${tenantId}:${value}`).digest('hex');

export interface IssueToken {
  tenantId: string;
  contactId: string;
  intent: string;
  spendAmount: string | null;
  currency: string;
  value: string;
  ttlSeconds: number;
}

/** Issues a token (pure): SPEND tokens carry the amount the contact agrees to spend. */
export function issueContactToken(state: ContactTokenState | null, cmd: IssueToken, now: Date): ContactTokenChange[] {
  if (state) return [];
  const intent = oneOf('intent', cmd.intent, TOKEN_INTENTS);
  if (intent !== 'SPEND') throw AppError.validation('intent', 'only SPEND tokens are issued (purchase estimates are not supported)', 'INVALID_VALUE');
  let spendAmount: string | null = null;
  if (cmd.spendAmount !== null) {
    const minor = toMinor(cmd.spendAmount, cmd.currency, 'spend_amount');
    if (minor <= 0n) throw AppError.validation('spend_amount', 'must be above 0', 'INVALID_VALUE');
    spendAmount = fromMinor(minor, cmd.currency);
  }
  if (!/^\d{6}$/.test(cmd.value)) throw new Error('a contact token value is 6 digits');
  return [
    {
      type: 'contact_token.issued',
      data: {
        contactId: cmd.contactId,
        intent,
        spendAmount,
        valueHash: tokenHash(cmd.tenantId, cmd.value),
        expiresAt: new Date(now.getTime() + cmd.ttlSeconds * 1000).toISOString(),
      },
    },
  ];
}

/** Uses a token for a purchase (pure): once, before it expires. */
export function useContactToken(state: ContactTokenState | null, cmd: { purchaseId: string }, now: Date): ContactTokenChange[] {
  if (!state) throw AppError.validation('contact.otp', 'no such token', 'INVALID_VALUE');
  if (state.usedBy === cmd.purchaseId) return [];
  if (state.usedBy !== null) throw AppError.validation('contact.otp', 'the token was used already', 'INVALID_VALUE');
  if (new Date(state.expiresAt).getTime() <= now.getTime()) throw AppError.validation('contact.otp', 'the token has expired', 'INVALID_VALUE');
  return [{ type: 'contact_token.used', data: { purchaseId: cmd.purchaseId } }];
}
