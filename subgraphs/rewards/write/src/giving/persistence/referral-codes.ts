import type { DataSource } from 'typeorm';
import type { EventBus, Subscription } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';

/**
 * The referral code of every contact of every tenant, followed from the contacts domain's events
 * (`contact.created` carries the code; `contact.unregistered` retires it) into
 * `reward_referral_codes`: rewards resolves a code to its referrer without calling contacts.
 * Idempotent by aggregate version.
 */
export class ReferralCodes {
  constructor(private readonly dataSource: DataSource) {}

  async follow(bus: EventBus): Promise<Subscription> {
    await bus.ensureTopics([CONTACTS_TOPIC]);
    return bus.subscribe({
      groupId: 'rewards-write.referral-codes',
      topics: [CONTACTS_TOPIC],
      handler: async (event) => {
        if (event.type === 'contact.created') {
          const code = (event.data as { referralCode?: string }).referralCode;
          if (!code) return;
          await this.dataSource.query(
            `INSERT INTO reward_referral_codes (tenant_id, contact_id, code, active, version) VALUES ($1, $2, $3, true, $4)
             ON CONFLICT (tenant_id, contact_id) DO UPDATE SET code = EXCLUDED.code, active = true, version = EXCLUDED.version
             WHERE reward_referral_codes.version < EXCLUDED.version`,
            [event.tenantId, event.aggregateId, code, event.aggregateVersion],
          );
        } else if (event.type === 'contact.unregistered') {
          await this.dataSource.query(
            `UPDATE reward_referral_codes SET active = false, version = $3 WHERE tenant_id = $1 AND contact_id = $2 AND version < $3`,
            [event.tenantId, event.aggregateId, event.aggregateVersion],
          );
        }
      },
    });
  }

  /** The active contact of the tenant with this code (case-insensitive), waiting up to waitMs for one created a moment ago. */
  async referrerOf(tenantId: string, code: string, waitMs = 2000): Promise<string | null> {
    const started = Date.now();
    for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
      const rows = (await this.dataSource.query(
        `SELECT contact_id FROM reward_referral_codes WHERE tenant_id = $1 AND upper(code) = upper($2) AND active LIMIT 2`,
        [tenantId, code],
      )) as { contact_id: string }[];
      if (rows.length === 1) return rows[0]!.contact_id;
      if (rows.length > 1 || Date.now() - started >= waitMs) return null;
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  /** A contact's referral code (null when its contact event has not arrived, or it is unregistered). */
  async codeOf(tenantId: string, contactId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT code FROM reward_referral_codes WHERE tenant_id = $1 AND contact_id = $2 AND active`, [
      tenantId,
      contactId,
    ])) as { code: string }[];
    return rows[0]?.code ?? null;
  }
}
