import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { AppError } from '@crm/platform/errors';
import type { EventEnvelope } from '@crm/event-bus';
import type { ContactIdentityRegisteredV1 } from '@crm/event-bus/contracts/identity';
import type { CommandMeta, CommandResult, ContactCommands } from '../application/contact-commands';
import type { ChangeOf, ContactChange, ContactState } from '../domain/contact';
import { createContact } from '../domain/create-contact';
import {
  ContactRegistrationProcess,
  fallbackLastName,
  isRegistration,
  omittableField,
  REGISTRATION_ACTOR,
  registrationCommand,
  UNNAMED,
  type Registration,
} from './contact-registration.process';

const CONTACT_ID = '0b6f1d1e-3a55-4c1b-9d6a-2f9a7c1e5b01';
const T0 = new Date('2025-01-02T03:04:05.000Z');

const registration = (extra: Partial<Registration> = {}): Registration => ({
  contactId: CONTACT_ID,
  provider: 'EMAIL',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'Ada@Example.com',
  phone: { countryCode: 'CYP', number: '99123456' },
  smsOptOut: true,
  emailOptOut: false,
  languageCode: 'en',
  ...extra,
});

const envelope = (data: Registration, extra: Partial<EventEnvelope> = {}): ContactIdentityRegisteredV1 => ({
  id: '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  type: 'contact_identity.registered',
  schemaVersion: 1,
  tenantId: 'tenant-a',
  aggregateType: 'contact_identity',
  aggregateId: '7b2d3c4e-5f60-4b7c-9d8e-0f1a2b3c4d5e',
  aggregateVersion: 1,
  occurredAt: T0.toISOString(),
  correlationId: 'corr-1',
  causationId: null,
  actor: { kind: 'anonymous', id: null },
  data,
  ...(extra as object),
});

/** What createContact makes of a command (the domain's own normalisation), or its error. */
function created(data: Registration, omit: Parameters<typeof registrationCommand>[1] = new Set()) {
  let n = 0;
  const [change] = createContact(null, registrationCommand(data, omit), {
    now: T0,
    newId: () => `id-${++n}`,
    generatedCode: '100000000001',
    referralCode: 'REF23456',
  });
  assert.equal(change?.type, 'contact.created');
  return change.data as ChangeOf<'contact.created'>;
}

describe('registrationCommand (contact_identity.registered → createContact)', () => {
  it('maps a PERSON with names, email, a primary MOBILE phone, opt-outs and language', () => {
    assert.deepEqual(registrationCommand(registration()), {
      type: 'PERSON',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Example.com',
      phones: [{ type: 'MOBILE', countryCode: 'CYP', number: '99123456', isPrimary: true }],
      smsOptOut: true,
      emailOptOut: false,
      languageCode: 'en',
    });
    const data = created(registration());
    assert.deepEqual(
      [data.type, data.firstName, data.lastName, data.email, data.languageCode, data.smsOptOut, data.emailOptOut],
      ['PERSON', 'Ada', 'Lovelace', 'ada@example.com', 'EN', true, false],
    );
    assert.deepEqual(data.phones, [{ id: 'id-1', type: 'MOBILE', countryCode: 'CYP', number: '99123456', isPrimary: true }]);
    assert.equal(data.code, '100000000001');
  });

  it('maps a registration without a phone to no phones', () => {
    assert.deepEqual(registrationCommand(registration({ phone: null })).phones, []);
  });

  it('keeps either name alone', () => {
    assert.deepEqual(created(registration({ firstName: null })).lastName, 'Lovelace');
    const onlyFirst = created(registration({ lastName: null }));
    assert.deepEqual([onlyFirst.firstName, onlyFirst.lastName], ['Ada', null]);
  });

  it('names a nameless person after the email local part, else the phone number, else a placeholder', () => {
    assert.equal(registrationCommand(registration({ firstName: null, lastName: null })).lastName, 'Ada');
    assert.equal(registrationCommand(registration({ firstName: '  ', lastName: '\t', email: null })).lastName, '99123456');
    assert.equal(registrationCommand(registration({ firstName: null, lastName: null, email: null, phone: null })).lastName, UNNAMED);
    assert.equal(created(registration({ firstName: null, lastName: null })).lastName, 'Ada');
  });

  it('cleans the fallback name so it always passes the name rules', () => {
    assert.equal(fallbackLastName({ email: 'a\u0001b@x.io', phone: null }), 'a b');
    assert.equal(fallbackLastName({ email: `${'x'.repeat(150)}@x.io`, phone: null }), 'x'.repeat(100));
    assert.equal(fallbackLastName({ email: '@x.io', phone: { countryCode: 'CYP', number: '  ' } }), UNNAMED);
  });

  it('leaves out omitted fields (but still names the person after a rejected email)', () => {
    const cmd = registrationCommand(registration({ firstName: null, lastName: null }), new Set(['email', 'phone', 'languageCode']));
    assert.deepEqual([cmd.email, cmd.phones, cmd.languageCode, cmd.lastName], [null, [], null, 'Ada']);
    assert.equal(registrationCommand(registration(), new Set(['firstName', 'lastName'])).lastName, 'Ada');
  });

  it('with every optional field left out, the command is always valid', () => {
    const worst = registration({
      firstName: '\u0001',
      lastName: '\u0002',
      email: '\u0003@\u0004',
      phone: { countryCode: 'XXX', number: 'abc' },
      languageCode: '1',
    });
    const data = created(worst, new Set(['firstName', 'lastName', 'email', 'phone', 'languageCode']));
    // the email local part cleans to nothing, so the (rejected) phone number names the person
    assert.deepEqual([data.firstName, data.lastName, data.email, data.phones, data.languageCode], [null, 'abc', null, [], null]);
  });

  it('attributes validation errors to registration fields', () => {
    assert.deepEqual(
      ['email', 'phones', 'phones.0.number', 'phones.0.countryCode', 'languageCode', 'firstName', 'lastName', 'code', undefined].map(omittableField),
      ['email', 'phone', 'phone', 'phone', 'languageCode', 'firstName', 'lastName', null, null],
    );
  });

  it('recognises only contact_identity.registered v1', () => {
    assert.equal(isRegistration(envelope(registration())), true);
    assert.equal(
      isRegistration({ ...envelope(registration()), type: 'contact_identity.verified', data: { contactId: CONTACT_ID, provider: 'EMAIL' } }),
      false,
    );
    assert.equal(isRegistration({ ...envelope(registration()), schemaVersion: 2 }), false);
  });
});

/** ContactCommands stand-in: runs the decider like the real one would (no database). */
function fakeCommands(fail?: (call: number) => Error | null) {
  const calls: { meta: CommandMeta; request: unknown; aggregateId: string | undefined }[] = [];
  const commands = {
    async create(
      meta: CommandMeta,
      decide: (state: ContactState | null, now: Date) => ContactChange[],
      request: unknown,
      aggregateId?: string,
    ): Promise<CommandResult> {
      calls.push({ meta, request, aggregateId });
      const failure = fail?.(calls.length);
      if (failure) throw failure;
      decide(null, T0);
      return { state: { id: aggregateId } as ContactState, events: [] };
    },
  } as unknown as ContactCommands;
  return { commands, calls };
}

const silent = pino({ level: 'silent' });

describe('ContactRegistrationProcess.handle', () => {
  it('creates the contact with the given id, as the identity system actor, caused by the event', async () => {
    const { commands, calls } = fakeCommands();
    await new ContactRegistrationProcess(commands, silent).handle(envelope(registration()));
    assert.equal(calls.length, 1);
    const [call] = calls;
    assert.equal(call?.aggregateId, CONTACT_ID);
    assert.equal(call?.meta.principal.tenantId, 'tenant-a');
    assert.deepEqual(call?.meta.actor, REGISTRATION_ACTOR);
    assert.deepEqual(REGISTRATION_ACTOR, { kind: 'system', id: 'identity' });
    assert.equal(call?.meta.correlationId, 'corr-1');
    assert.equal(call?.meta.causationId, '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
  });

  it('ignores other event types', async () => {
    const { commands, calls } = fakeCommands();
    const verified = { ...envelope(registration()), type: 'contact_identity.verified', data: { contactId: CONTACT_ID, provider: 'EMAIL' } };
    await new ContactRegistrationProcess(commands, silent).handle(verified);
    assert.equal(calls.length, 0);
  });

  it('retries without each field the contacts rules reject, and never fails for user data', async () => {
    const { commands, calls } = fakeCommands();
    await new ContactRegistrationProcess(commands, silent).handle(
      envelope(registration({ email: 'ada@localhost', phone: { countryCode: 'CYP', number: '12' }, languageCode: 'e1' })),
    );
    const requests = calls.map((c) => c.request as ReturnType<typeof registrationCommand>);
    assert.equal(requests.length, 4);
    assert.deepEqual(
      requests.map((r) => [r.email, r.phones?.length, r.languageCode]),
      [
        ['ada@localhost', 1, 'e1'],
        [null, 1, 'e1'],
        [null, 0, 'e1'],
        [null, 0, null],
      ],
    );
    assert.deepEqual([requests[3]?.firstName, requests[3]?.lastName], ['Ada', 'Lovelace']);
  });

  it('rethrows infrastructure errors (the bus retries)', async () => {
    const { commands, calls } = fakeCommands(() => new Error('connection terminated'));
    await assert.rejects(new ContactRegistrationProcess(commands, silent).handle(envelope(registration())), /connection terminated/);
    assert.equal(calls.length, 1);
  });

  it('rethrows non-validation domain errors and validation errors about no registration field', async () => {
    const conflict = new AppError('CONFLICT', 'a contact with this code already exists', { reason: 'CONTACT_CODE_TAKEN', field: 'code' });
    await assert.rejects(
      new ContactRegistrationProcess(fakeCommands(() => conflict).commands, silent).handle(envelope(registration())),
      (e) => e === conflict,
    );
    const bug = AppError.validation('tags', 'at most 50 tags', 'TOO_MANY');
    await assert.rejects(new ContactRegistrationProcess(fakeCommands(() => bug).commands, silent).handle(envelope(registration())), (e) => e === bug);
  });
});
