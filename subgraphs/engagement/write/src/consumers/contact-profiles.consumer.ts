import type { DataSource } from 'typeorm';
import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';

/**
 * What communications need of each contact (`communication_contacts`: address, phone, language,
 * opt-outs, names, code), followed from the contacts domain's events; `onRegistered` runs after a
 * new contact is stored (the welcome). Idempotent by aggregate version: a redelivery or an older
 * event changes nothing (a contact's events arrive in order).
 */
export async function followContactProfiles(
  dataSource: DataSource,
  bus: EventBus,
  onRegistered?: (event: EventEnvelope) => Promise<void>,
): Promise<Subscription> {
  await bus.ensureTopics([CONTACTS_TOPIC]);
  return bus.subscribe({
    groupId: 'engagement-write.contact-profiles',
    topics: [CONTACTS_TOPIC],
    handler: async (event: EventEnvelope) => {
      if (event.type === 'contact.updated') return updateProfile(dataSource, event);
      if (event.type !== 'contact.created' && event.type !== 'contact.unregistered') return;
      const profile = event.type === 'contact.created' ? profileColumns(event.data as Record<string, unknown>) : {};
      const names = Object.keys(profile);
      await dataSource.query(
        `INSERT INTO communication_contacts (tenant_id, contact_id, active, version${names.map((n) => `, ${n}`).join('')})
         VALUES ($1, $2, $3, $4${names.map((_, i) => `, $${5 + i}`).join('')})
         ON CONFLICT (tenant_id, contact_id) DO UPDATE SET active = EXCLUDED.active, version = EXCLUDED.version${names.map((n) => `, ${n} = EXCLUDED.${n}`).join('')}
         WHERE communication_contacts.version < EXCLUDED.version`,
        [event.tenantId, event.aggregateId, event.type === 'contact.created', event.aggregateVersion, ...Object.values(profile)],
      );
      // the welcome is idempotent per contact (its id derives from the contact): a redelivery sends none twice
      if (event.type === 'contact.created' && onRegistered) await onRegistered(event);
    },
  });
}

/** The contact fields communications use, as columns, from (part of) a contact's profile: only the fields present. */
function profileColumns(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const text: [string, string][] = [
    ['email', 'email'],
    ['languageCode', 'language_code'],
    ['firstName', 'first_name'],
    ['lastName', 'last_name'],
    ['companyName', 'company_name'],
    ['code', 'code'],
  ];
  for (const [field, column] of text) if (field in data) out[column] = (data[field] as string | null) ?? null;
  if ('emailOptOut' in data) out['email_opt_out'] = Boolean(data['emailOptOut']);
  if ('smsOptOut' in data) out['sms_opt_out'] = Boolean(data['smsOptOut']);
  if ('phones' in data) {
    const phones = (data['phones'] as { number: string; isPrimary: boolean; type: string }[] | undefined) ?? [];
    const phone = phones.find((p) => p.isPrimary) ?? phones.find((p) => p.type === 'MOBILE') ?? phones[0];
    out['phone'] = phone?.number ?? null;
  }
  return out;
}

/** A profile change: only the changed fields, and only forward. */
async function updateProfile(dataSource: DataSource, event: EventEnvelope): Promise<void> {
  const profile = profileColumns(event.data as Record<string, unknown>);
  const names = Object.keys(profile);
  if (names.length === 0) return;
  await dataSource.query(
    `UPDATE communication_contacts SET version = $3${names.map((n, i) => `, ${n} = $${4 + i}`).join('')}
     WHERE tenant_id = $1 AND contact_id = $2 AND version < $3`,
    [event.tenantId, event.aggregateId, event.aggregateVersion, ...Object.values(profile)],
  );
}

export interface ContactRow {
  contact_id: string;
  email: string | null;
  phone: string | null;
  language_code: string | null;
  email_opt_out: boolean;
  sms_opt_out: boolean;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  code: string | null;
}

/** What communications need of a registered contact of the tenant (null: none); one created a moment ago may take up to `waitMs` to arrive. */
export async function contactProfile(dataSource: DataSource, tenantId: string, contactId: string, waitMs = 3000): Promise<ContactRow | null> {
  const started = Date.now();
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const [row] = (await dataSource.query(
      `SELECT contact_id, active, email, phone, language_code, email_opt_out, sms_opt_out, first_name, last_name, company_name, code
       FROM communication_contacts WHERE tenant_id = $1 AND contact_id = $2`,
      [tenantId, contactId],
    )) as (ContactRow & { active: boolean })[];
    if (row || Date.now() - started >= waitMs) return row?.active ? row : null;
    await new Promise((r) => setTimeout(r, pause));
  }
}
