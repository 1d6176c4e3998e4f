import type { Logger } from 'pino';
import type { Actor, EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { CONTACTS_TOPIC, ContactCreatedV1 } from '@crm/event-bus/contracts/contacts';
import type { LedgerCommands } from '../application/ledger-commands';

/**
 * Every contact gets a wallet (process manager): when a contact is created, however it was
 * (registration, back office, import), the ledger opens its wallet (16-digit code, OPEN and
 * BUSINESS pockets) and primary account in the tenant's default currency. Delivery is at least
 * once; opening is once per contact (a redelivery finds the wallet and changes nothing).
 * Contacts is never imported: only its event contract.
 */
export const WALLETS_GROUP = 'ledger-write.contact-wallets';
export const WALLETS_ACTOR: Actor = { kind: 'system', id: 'ledger' };

export class ContactWalletsProcess {
  private readonly logger: Logger;

  constructor(
    private readonly commands: LedgerCommands,
    logger: Logger,
  ) {
    this.logger = logger.child({ processManager: WALLETS_GROUP });
  }

  async start(bus: EventBus): Promise<Subscription> {
    await bus.ensureTopics([CONTACTS_TOPIC]);
    return bus.subscribe({ groupId: WALLETS_GROUP, topics: [CONTACTS_TOPIC], handler: this.handle });
  }

  handle = async (event: EventEnvelope): Promise<void> => {
    if (event.type !== ContactCreatedV1.type || event.schemaVersion !== ContactCreatedV1.schemaVersion) return;
    const r = await this.commands.openWallet(
      { tenantId: event.tenantId, correlationId: event.correlationId, actor: WALLETS_ACTOR, causationId: event.id },
      event.aggregateId,
    );
    if (r.opened) this.logger.debug({ tenantId: event.tenantId, contactId: event.aggregateId, walletId: r.walletId }, 'wallet opened');
  };
}
