import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpecification } from '@crm/platform/testing';
import { evolveCommunication, evolveCommunicationTemplate, type CommunicationChange, type CommunicationState } from './communication';
import { requestCommunication, type ContactProfile, type RequestCommunication } from './request-communication';
import { recordDeliveryAttempt, type RecordDeliveryAttempt } from './record-delivery-attempt';
import { markCommunication, type MarkCommunication } from './mark-communication';
import { setCommunicationTemplate, type SetCommunicationTemplate } from './set-communication-template';
import { pickTemplate, renderTemplate } from './render-template';
import { CONTACT_ID, at, validateAgainstContract } from './decider-test-kit';

const spec = <C>(decide: (s: CommunicationState | null, c: C) => CommunicationChange[]) =>
  deciderSpecification<CommunicationState, CommunicationChange, C>({
    decide,
    evolve: evolveCommunication,
    at,
    validate: validateAgainstContract('communication'),
  });

const contact: ContactProfile = {
  id: CONTACT_ID,
  email: 'ana@example.test',
  phone: '+35799000001',
  languageCode: 'GRE',
  emailOptOut: false,
  smsOptOut: false,
};
const welcome = (over: Partial<RequestCommunication> = {}): RequestCommunication => ({
  name: 'Welcome',
  trigger: 'CONTACT_REGISTERED',
  channel: 'EMAIL',
  language: 'GRE',
  contact,
  recipient: null,
  sender: 'shop@example.test',
  subject: 'Καλώς ήρθες Ana',
  content: 'Γεια σου Ana',
  ...over,
});
const requested: CommunicationChange = {
  type: 'communication.requested',
  data: {
    name: 'Welcome',
    trigger: 'CONTACT_REGISTERED',
    channel: 'EMAIL',
    language: 'GRE',
    contactId: CONTACT_ID,
    recipient: 'ana@example.test',
    sender: 'shop@example.test',
    subject: 'Καλώς ήρθες Ana',
    content: 'Γεια σου Ana',
  },
};

describe('requestCommunication', () => {
  const { given } = spec<RequestCommunication>(requestCommunication);
  it('given nothing, when an email to a contact is requested, then it is PENDING to the contact’s address', () => {
    const state = given().when(welcome()).then([requested]);
    assert.deepEqual([state.state, state.attempts, state.nextAttemptAt], ['PENDING', 0, at.toISOString()]);
  });
  it('honours opt-outs: an opted-out contact gets no email (REJECTED OPTED_OUT) and no SMS', () => {
    const state = given()
      .when(welcome({ contact: { ...contact, emailOptOut: true } }))
      .then([requested, { type: 'communication.rejected', data: { reason: 'OPTED_OUT' } }]);
    assert.deepEqual([state.state, state.rejectedReason, state.nextAttemptAt], ['REJECTED', 'OPTED_OUT', null]);
    const sms = given()
      .when(welcome({ channel: 'SMS', subject: null, contact: { ...contact, smsOptOut: true } }))
      .events();
    assert.deepEqual(sms[1], { type: 'communication.rejected', data: { reason: 'OPTED_OUT' } });
  });
  it('rejects a send to a contact without an address on the channel; delivers INAPP to the inbox at once', () => {
    const none = given()
      .when(welcome({ contact: { ...contact, email: null } }))
      .events();
    assert.deepEqual(none[1], { type: 'communication.rejected', data: { reason: 'NO_RECIPIENT' } });
    const inapp = given()
      .when(welcome({ channel: 'INAPP' }))
      .events();
    assert.deepEqual(inapp[1], { type: 'communication.delivered', data: { attempt: 1, providerId: null } });
  });
  it('refuses bad input naming the field', () => {
    given()
      .when(welcome({ recipient: 'not-an-email' }))
      .thenFails(/recipient/);
    given()
      .when(welcome({ channel: 'SMS', recipient: 'abc' }))
      .thenFails(/recipient/);
    given()
      .when(welcome({ channel: 'INAPP', contact: null }))
      .thenFails(/contact/);
    given()
      .when(welcome({ content: ' ' }))
      .thenFails(/content/);
    given(requested)
      .when(welcome())
      .thenFails(/exists/);
  });
});

describe('recordDeliveryAttempt', () => {
  const { given } = spec<RecordDeliveryAttempt>(recordDeliveryAttempt);
  const failure = (now = at): RecordDeliveryAttempt => ({
    outcome: { ok: false, error: '421 try later', permanent: false },
    maxAttempts: 3,
    retryBaseMs: 1000,
    now,
  });
  it('delivered → COMPLETED', () => {
    const state = given(requested)
      .when({ outcome: { ok: true, providerId: '<m1>' }, maxAttempts: 3, retryBaseMs: 1000, now: at })
      .then([{ type: 'communication.delivered', data: { attempt: 1, providerId: '<m1>' } }]);
    assert.equal(state.state, 'COMPLETED');
  });
  it('a failed attempt is retried with a doubling back-off, and the last one makes it FAILED', () => {
    const first = {
      type: 'communication.attempt_failed',
      data: { attempt: 1, error: '421 try later', retryAt: '2024-05-01T10:00:01.000Z' },
    } as const;
    given(requested).when(failure()).then([first]);
    const second = {
      type: 'communication.attempt_failed',
      data: { attempt: 2, error: '421 try later', retryAt: '2024-05-01T10:00:02.000Z' },
    } as const;
    given(requested, first).when(failure()).then([second]);
    const state = given(requested, first, second)
      .when(failure())
      .then([{ type: 'communication.failed', data: { attempt: 3, error: '421 try later' } }]);
    assert.deepEqual([state.state, state.attempts, state.nextAttemptAt], ['FAILED', 3, null]);
  });
  it('a permanent error fails at once; a communication no longer pending changes no more', () => {
    given(requested)
      .when({ ...failure(), outcome: { ok: false, error: 'no SMS adapter', permanent: true } })
      .then([{ type: 'communication.failed', data: { attempt: 1, error: 'no SMS adapter' } }]);
    const delivered = { type: 'communication.delivered', data: { attempt: 1, providerId: null } } as const;
    given(requested, delivered).when(failure()).then([]);
    given(requested, { type: 'communication.rejected', data: { reason: 'OPTED_OUT' } })
      .when(failure())
      .then([]);
  });
});

describe('markCommunication', () => {
  const { given } = spec<MarkCommunication>(markCommunication);
  it('marks viewed, then archived (the other flag kept); the same flags again are no change; unknown is 404', () => {
    const viewed = given(requested)
      .when({ viewed: true, archived: null })
      .then([{ type: 'communication.marked', data: { viewed: true, archived: false } }]);
    assert.equal(viewed.viewedAt, at.toISOString());
    const marked = { type: 'communication.marked', data: { viewed: true, archived: false } } as const;
    given(requested, marked)
      .when({ viewed: null, archived: true })
      .then([{ type: 'communication.marked', data: { viewed: true, archived: true } }]);
    given(requested, marked).when({ viewed: true, archived: false }).then([]);
    given()
      .when({ viewed: true, archived: null })
      .thenFails(/not found/);
  });
});

describe('setCommunicationTemplate and rendering', () => {
  const { given } = deciderSpecification({
    decide: setCommunicationTemplate,
    evolve: evolveCommunicationTemplate,
    at,
    validate: validateAgainstContract('communication_template'),
  });
  const cmd = (over: Partial<SetCommunicationTemplate> = {}): SetCommunicationTemplate => ({
    trigger: 'CONTACT_REGISTERED',
    channel: 'EMAIL',
    language: 'ENG',
    name: 'Welcome',
    subject: 'Welcome {{first_name}}',
    content: 'Hello {{ full_name }}, your code is {{code}}.',
    ...over,
  });
  it('sets a template; the same again is no change; unknown variables and a missing email subject are refused', () => {
    const set = given().when(cmd()).events();
    assert.equal(set[0]!.type, 'communication_template.set');
    given(set[0]!).when(cmd()).then([]);
    given()
      .when(cmd({ content: 'Hi {{password}}' }))
      .thenFails(/content/);
    given()
      .when(cmd({ subject: null }))
      .thenFails(/subject/);
    given()
      .when(cmd({ language: 'english' }))
      .thenFails(/language/);
  });
  it('renders variables (missing ones empty) and picks the recipient’s language, else the default, else any', () => {
    assert.equal(renderTemplate('Hello {{ full_name }}, {{code}}{{email}}!', { full_name: 'Ana Li', code: 'C1' }), 'Hello Ana Li, C1!');
    const templates = [{ language: 'GRE' }, { language: 'ENG' }, { language: 'DEU' }];
    assert.deepEqual(pickTemplate(templates, 'GRE', 'ENG'), { language: 'GRE' });
    assert.deepEqual(pickTemplate(templates, 'FRA', 'ENG'), { language: 'ENG' });
    assert.deepEqual(pickTemplate([{ language: 'GRE' }, { language: 'DEU' }], null, 'ENG'), { language: 'DEU' });
    assert.equal(pickTemplate([], 'ENG', 'ENG'), null);
  });
});
