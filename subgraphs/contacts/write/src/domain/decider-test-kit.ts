// Shared scaffolding for the domain (decider) tests: fixed ids and clock, contact fixtures and a
// given/when/then harness that checks every emitted change against the event registry.
// Not a *.test.ts file, so the test runner does not run it on its own.
import assert from 'node:assert/strict';
import type { Address } from '@crm/event-bus/contracts/contacts';
import { registry } from '@crm/event-bus/contracts';
import { deciderSpecification } from '@crm/platform/testing';
import { type ChangeOf, type ContactChange, type ContactState, evolve } from './contact';
import type { AddressInput } from './validate';

export const T0 = new Date('2024-05-01T10:00:00.000Z');

/** A valid (v4-shaped) UUID numbered `n`. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * Every emitted change must be a valid event once wrapped in an envelope;
 * the i-th change gets aggregate version `firstVersion + i`.
 */
export function assertValidEvents(changes: ContactChange[], firstVersion = 10): void {
  changes.forEach((c, i) =>
    registry.validate({
      id: uuid(900 + i),
      type: c.type,
      schemaVersion: 1,
      tenantId: 't1',
      aggregateType: 'contact',
      aggregateId: uuid(999),
      aggregateVersion: firstVersion + i,
      occurredAt: T0.toISOString(),
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
      data: c.data,
    }),
  );
}

/** A normalised address (as events carry it). */
export const address = (id: string, extra: Partial<Address> = {}): Address => ({
  id,
  type: 'HOME',
  name: null,
  isPrimary: false,
  isBilling: false,
  addressLine1: '1 Main St',
  addressLine2: null,
  stateProvinceCounty: null,
  townCity: 'Nicosia',
  postalCode: '1010',
  countryCode: 'CYP',
  lat: null,
  lon: null,
  googlePlaceId: null,
  ...extra,
});

/** An address as a command carries it. */
export const addressInput = (extra: Partial<AddressInput> = {}): AddressInput => ({
  type: 'HOME',
  addressLine1: '1 Main St',
  townCity: 'Nicosia',
  postalCode: '1010',
  countryCode: 'CYP',
  ...extra,
});

/** The data of contact.created: person "Ada", code C-1, every other profile field empty. */
export const createdData = (overrides: Partial<ChangeOf<'contact.created'>> = {}): ChangeOf<'contact.created'> => ({
  firstName: 'Ada',
  middleName: null,
  lastName: null,
  companyName: null,
  companyProfile: null,
  email: null,
  phones: [],
  demographics: null,
  languageCode: null,
  smsOptOut: false,
  emailOptOut: false,
  countryOfAgreement: null,
  customFields: [],
  code: 'C-1',
  type: 'PERSON',
  referralCode: 'REF12345',
  addresses: [],
  tags: [],
  ...overrides,
});

export const createdEvent = (overrides: Partial<ChangeOf<'contact.created'>> = {}): ContactChange => ({
  type: 'contact.created',
  data: createdData(overrides),
});

export const unregisteredEvent = (code = 'C-1'): ContactChange => ({ type: 'contact.unregistered', data: { code } });

/** Folds the history with versions 1..n, all at T0. */
export const fold = (history: ContactChange[]): ContactState | null =>
  history.reduce<ContactState | null>((s, e, i) => evolve(s, e, { version: i + 1, at: T0 }), null);

export type ExpectedError = { code: string; field?: string; reason?: string };

/** What a test can say about running one command against one state. */
export interface Outcome {
  /** Asserts the exact changes (each validated against the contract); returns the state after them. */
  then(expected: ContactChange[]): ContactState;
  /** Returns the data of the single contact.created change (validated against the contract). */
  created(): ChangeOf<'contact.created'>;
  thenFails(error: ExpectedError): void;
}

/**
 * given/when/then for a contact decider, on the platform's generic kit
 * (`@crm/platform/testing` `deciderSpecification`): `given(...history).when(cmd)` (or
 * `from(state).when(cmd)`); every emitted change is validated against its contract, the i-th
 * with aggregate version `firstVersion + i`.
 */
export function deciderKit<C>(decide: (state: ContactState | null, cmd: C) => ContactChange[], firstVersion = 10) {
  const spec = deciderSpecification<ContactState, ContactChange, C>({
    decide,
    evolve,
    at: T0,
    firstVersion,
    validate: (change, version) => assertValidEvents([change], version),
  });
  const from = (state: ContactState | null = null) => ({
    when(cmd: C): Outcome {
      const outcome = spec.from(state).when(cmd);
      return {
        then: outcome.then,
        created() {
          const changes = outcome.events();
          assert.equal(changes.length, 1);
          assert.equal(changes[0]?.type, 'contact.created');
          return changes[0]!.data as ChangeOf<'contact.created'>;
        },
        thenFails: outcome.thenFails,
      };
    },
  });
  return { from, given: (...history: ContactChange[]) => from(fold(history)) };
}
