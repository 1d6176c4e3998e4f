import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONTACT_TOKEN_AGGREGATE } from '@crm/event-bus/contracts/rewards';
import { deciderSpecification } from '@crm/platform/testing';
import {
  evolveContactToken,
  issueContactToken,
  tokenHash,
  useContactToken,
  type ContactTokenChange,
  type ContactTokenState,
  type IssueToken,
} from './contact-token';
import { validateChange } from '../testing/fixtures';

const at = new Date('2026-01-01T10:00:00.000Z');
const spec = <C>(decide: (s: ContactTokenState | null, c: C) => ContactTokenChange[]) =>
  deciderSpecification<ContactTokenState, ContactTokenChange, C>({
    decide,
    evolve: evolveContactToken,
    at,
    validate: validateChange(CONTACT_TOKEN_AGGREGATE, at),
  });

const issue = (over: Partial<IssueToken> = {}): IssueToken => ({
  tenantId: 't1',
  contactId: 'c1',
  intent: 'SPEND',
  spendAmount: '14.5',
  currency: 'EUR',
  value: '123456',
  ttlSeconds: 300,
  ...over,
});
const issued: ContactTokenChange = {
  type: 'contact_token.issued',
  data: { contactId: 'c1', intent: 'SPEND', spendAmount: '14.50', valueHash: tokenHash('t1', '123456'), expiresAt: '2026-01-01T10:05:00.000Z' },
};

describe('issueContactToken', () => {
  const { given } = spec((s, c: IssueToken) => issueContactToken(s, c, at));
  it('issues a SPEND token with its amount; only the value’s hash, per tenant', () => {
    given().when(issue()).then([issued]);
    assert.notEqual(tokenHash('t1', '123456'), tokenHash('t2', '123456'));
  });
  it('refuses other intents, bad amounts', () => {
    given()
      .when(issue({ intent: 'APPROVE_PURCHASE' }))
      .thenFails({ field: 'intent' });
    given()
      .when(issue({ intent: 'NOPE' }))
      .thenFails({ field: 'intent' });
    given()
      .when(issue({ spendAmount: '0' }))
      .thenFails({ field: 'spend_amount' });
    given()
      .when(issue({ spendAmount: '1.001' }))
      .thenFails({ field: 'spend_amount' });
  });
});

describe('useContactToken', () => {
  it('is used once, by one purchase, before it expires', () => {
    spec((s, c: { purchaseId: string }) => useContactToken(s, c, at))
      .given(issued)
      .when({ purchaseId: 'p1' })
      .then([{ type: 'contact_token.used', data: { purchaseId: 'p1' } }]);
    const used: ContactTokenChange = { type: 'contact_token.used', data: { purchaseId: 'p1' } };
    spec((s, c: { purchaseId: string }) => useContactToken(s, c, at))
      .given(issued, used)
      .when({ purchaseId: 'p1' })
      .then([]);
    spec((s, c: { purchaseId: string }) => useContactToken(s, c, at))
      .given(issued, used)
      .when({ purchaseId: 'p2' })
      .thenFails({ field: 'contact.otp' });
    spec((s, c: { purchaseId: string }) => useContactToken(s, c, new Date('2026-01-01T10:05:00.000Z')))
      .given(issued)
      .when({ purchaseId: 'p1' })
      .thenFails({ message: /expired/ });
  });
});
