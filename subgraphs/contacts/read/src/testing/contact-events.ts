// Contact event envelopes for the read side's integration tests (not a *.test.ts file; not exported by the package).
import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@crm/event-bus';

export function contactEvent(tenantId: string, aggregateId: string, version: number, type: string, data: unknown): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    tenantId,
    aggregateType: 'contact',
    aggregateId,
    aggregateVersion: version,
    occurredAt: new Date().toISOString(),
    correlationId: 'read-side-test',
    causationId: null,
    actor: { kind: 'system', id: null },
    data,
  };
}

/** A valid contact.created (version 1) for person number `n`. */
export function contactCreated(tenantId: string, aggregateId: string, n: number): EventEnvelope {
  return contactEvent(tenantId, aggregateId, 1, 'contact.created', {
    firstName: `Name${n}`,
    middleName: null,
    lastName: 'Test',
    companyName: null,
    companyProfile: null,
    email: `p${n}@example.com`,
    phones: [],
    demographics: null,
    languageCode: null,
    smsOptOut: false,
    emailOptOut: false,
    countryOfAgreement: null,
    customFields: [],
    code: `P-${n}`,
    type: 'PERSON',
    referralCode: `REF${String(n).padStart(5, '0')}`,
    addresses: [],
    tags: [],
  });
}

/** A contact.tags_set at `version`. */
export const tagsSet = (tenantId: string, aggregateId: string, version: number, tags: string[]): EventEnvelope =>
  contactEvent(tenantId, aggregateId, version, 'contact.tags_set', { tags });
