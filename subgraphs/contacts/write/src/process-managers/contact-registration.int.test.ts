import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { InMemoryBus, registry, toBusMessage, type BusMessage, type EventEnvelope } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { AGGREGATES, IDENTITY_TOPIC, type ContactIdentityRegisteredV1 } from '@crm/event-bus/contracts/identity';
import { AppError } from '@crm/platform/errors';
import type { CommandMeta } from '../application/contact-commands';
import { generateCode, generateReferralCode, newId } from '../application/contact-commands';
import { createContact } from '../domain/create-contact';
import { unregisterContact } from '../domain/unregister-contact';
import { parseConfig } from '../env';
import { startContactsWrite, type ContactsWriteService } from '../service';
import { REGISTRATION_ACTOR } from './contact-registration.process';

const backends = testBackends();
const logger = pino({ level: backends.logLevel });

async function waitFor(what: string, cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Registration = ContactIdentityRegisteredV1['data'];

/** A complete `contact_identity.registered` envelope, validated against its contract like the bus does. */
function registered(tenantId: string, data: Partial<Registration> = {}): ContactIdentityRegisteredV1 {
  const event = {
    id: randomUUID(),
    type: 'contact_identity.registered',
    schemaVersion: 1,
    tenantId,
    aggregateType: AGGREGATES.contactIdentity,
    aggregateId: randomUUID(),
    aggregateVersion: 1,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${randomUUID()}`,
    causationId: null,
    actor: { kind: 'anonymous', id: null },
    data: {
      contactId: randomUUID(),
      provider: 'EMAIL',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Example.com',
      phone: { countryCode: 'CYP', number: '99123456' },
      smsOptOut: true,
      emailOptOut: false,
      languageCode: 'en',
      ...data,
    },
  } satisfies ContactIdentityRegisteredV1;
  return registry.validate(event) as ContactIdentityRegisteredV1;
}

interface ContactRow {
  id: string;
  tenant_id: string;
  code: string;
  status: string;
  version: number;
  state: {
    type: string;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    languageCode: string | null;
    smsOptOut: boolean;
    phones: unknown[];
  };
}

describe('contact registration process (identity → contacts)', () => {
  let db: TestDatabase;
  let bus: InMemoryBus;
  let service: ContactsWriteService;
  const tenant = `t_${randomBytes(6).toString('hex')}`;

  const publish = (event: EventEnvelope, key = event.aggregateId): Promise<void> =>
    bus.publish([{ ...toBusMessage(IDENTITY_TOPIC, event), key } satisfies BusMessage]);
  const contact = async (id: string): Promise<ContactRow | undefined> => {
    const rows = (await service.dataSource.query(`SELECT * FROM contacts WHERE id = $1`, [id])) as ContactRow[];
    const row = rows[0];
    return (
      row && {
        ...row,
        version: Number(row.version),
        state: typeof row.state === 'string' ? (JSON.parse(row.state) as ContactRow['state']) : row.state,
      }
    );
  };
  const outbox = async (aggregateId: string) =>
    (await service.dataSource.query(`SELECT payload FROM outbox WHERE message_key = $1 ORDER BY id`, [aggregateId])) as {
      payload: EventEnvelope | string;
    }[];
  const outboxEvents = async (aggregateId: string): Promise<EventEnvelope[]> =>
    (await outbox(aggregateId)).map((r) => (typeof r.payload === 'string' ? (JSON.parse(r.payload) as EventEnvelope) : r.payload));
  const created = (id: string) => waitFor(`contact ${id}`, async () => (await contact(id)) !== undefined);

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'contacts_registration');
    bus = new InMemoryBus(registry, logger);
    const config = parseConfig({
      INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
      CONTACTS_WRITE_PORT: '0',
      DATABASE_URL: db.url,
      OUTBOX_POLL_MS: '20',
    });
    assert.equal(config.REGISTRATION_CONSUMER_ENABLED, true);
    service = await startContactsWrite(config, { bus, logger, inMemoryDb: !db.url });
  });

  after(async () => {
    await service?.stop();
    await bus?.close();
    await db?.drop();
  });

  it('creates the registered contact with the given id, once, however often the event is delivered', async () => {
    const event = registered(tenant);
    const id = event.data.contactId;
    await publish(event);
    await created(id);

    const row = await contact(id);
    assert.ok(row);
    assert.deepEqual([row.tenant_id, row.status, row.version], [tenant, 'ACTIVE', 1]);
    assert.match(row.code, /^[1-9][0-9]{11}$/);
    assert.deepEqual(
      [row.state.type, row.state.firstName, row.state.lastName, row.state.email, row.state.languageCode, row.state.smsOptOut],
      ['PERSON', 'Ada', 'Lovelace', 'ada@example.com', 'EN', true],
    );
    assert.equal(row.state.phones.length, 1);
    assert.deepEqual(
      { ...(row.state.phones[0] as object), id: undefined },
      { id: undefined, type: 'MOBILE', countryCode: 'CYP', number: '99123456', isPrimary: true },
    );

    const [createdEvent, ...more] = await outboxEvents(id);
    assert.equal(more.length, 0);
    assert.ok(createdEvent);
    assert.deepEqual(
      [
        createdEvent.type,
        createdEvent.tenantId,
        createdEvent.aggregateVersion,
        createdEvent.correlationId,
        createdEvent.causationId,
        createdEvent.actor,
      ],
      ['contact.created', tenant, 1, event.correlationId, event.id, REGISTRATION_ACTOR],
    );

    // redelivery (same envelope), then a marker on the same key: once the marker is handled, so is the duplicate
    const marker = registered(tenant);
    await publish(event);
    await publish(marker, event.aggregateId);
    await created(marker.data.contactId);
    assert.equal((await contact(id))?.version, 1);
    assert.deepEqual(
      (await outboxEvents(id)).map((e) => `${e.type}@${e.aggregateVersion}`),
      ['contact.created@1'],
    );

    // the relay publishes it for the read side
    await waitFor('contact.created on the contacts topic', async () => bus.messages(CONTACTS_TOPIC).some((m) => m.key === id));
    assert.equal(bus.messages(CONTACTS_TOPIC).filter((m) => m.key === id).length, 1);
  });

  it('creates the contact without an email the contacts rules reject', async () => {
    const event = registered(tenant, { email: 'ada@localhost', firstName: null });
    const id = event.data.contactId;
    await publish(event);
    await created(id);
    const row = await contact(id);
    assert.deepEqual(
      [row?.version, row?.state.email, row?.state.firstName, row?.state.lastName, row?.state.phones.length],
      [1, null, null, 'Lovelace', 1],
    );
    assert.equal(bus.messages(`${IDENTITY_TOPIC}.dlq`).length, 0);
  });

  it('names a contact registered without names after the email local part', async () => {
    const event = registered(tenant, { firstName: null, lastName: null, phone: null, provider: 'EMAIL', email: 'grace.hopper@example.com' });
    await publish(event);
    await created(event.data.contactId);
    const row = await contact(event.data.contactId);
    assert.deepEqual([row?.state.firstName, row?.state.lastName, row?.state.email], [null, 'grace.hopper', 'grace.hopper@example.com']);
  });

  it('ignores other identity events and keeps the partition moving', async () => {
    const verified = registry.validate({
      ...registered(tenant),
      type: 'contact_identity.verified',
      data: { contactId: randomUUID(), provider: 'EMAIL' },
    });
    const marker = registered(tenant);
    await publish(verified);
    await publish(marker, verified.aggregateId);
    await created(marker.data.contactId);
    assert.equal(await contact((verified.data as { contactId: string }).contactId), undefined);
    assert.equal(bus.messages(`${IDENTITY_TOPIC}.dlq`).length, 0);
  });

  describe('ContactCommands.create with a given id', () => {
    const meta = (tenantId: string): CommandMeta => ({
      principal: { tenantId, kind: 'service', subjectId: 'test', permissions: [] },
      correlationId: 'corr-test',
    });
    const createAs = (tenantId: string, id: string) =>
      service.commands.create(
        meta(tenantId),
        (state, now) =>
          createContact(
            state,
            { type: 'PERSON', lastName: 'Hopper' },
            { now, newId, generatedCode: generateCode(), referralCode: generateReferralCode() },
          ),
        { lastName: 'Hopper' },
        id,
      );

    it('is a no-op returning the existing contact, even an unregistered one', async () => {
      const id = randomUUID();
      const first = await createAs(tenant, id);
      assert.deepEqual([first.state.id, first.state.version, first.events.length], [id, 1, 1]);
      await service.commands.change(meta(tenant), id, (state) => unregisterContact(state, { idOrCode: id }));
      const again = await createAs(tenant, id.replace(/-/g, '').toUpperCase());
      assert.deepEqual([again.state.id, again.state.status, again.state.version, again.events.length], [id, 'UNREGISTERED', 2, 0]);
      assert.deepEqual(
        (await outboxEvents(id)).map((e) => e.type),
        ['contact.created', 'contact.unregistered'],
      );
    });

    it('creates a contact once when the same id is created concurrently', async () => {
      const id = randomUUID();
      const results = await Promise.all([createAs(tenant, id), createAs(tenant, id), createAs(tenant, id)]);
      assert.deepEqual(
        results.map((r) => r.state.id),
        [id, id, id],
      );
      assert.equal(
        results.reduce((n, r) => n + r.events.length, 0),
        1,
      );
      assert.equal((await outboxEvents(id)).length, 1);
    });

    it('refuses an id another tenant already uses, and an id that is no UUID', async () => {
      const id = randomUUID();
      await createAs(tenant, id);
      await assert.rejects(createAs(`${tenant}_other`, id), (e) => e instanceof AppError && e.code === 'CONFLICT' && e.reason === 'CONTACT_ID_TAKEN');
      await assert.rejects(createAs(tenant, 'not-a-uuid'), (e) => e instanceof AppError && e.code === 'VALIDATION' && e.field === 'id');
    });
  });
});
