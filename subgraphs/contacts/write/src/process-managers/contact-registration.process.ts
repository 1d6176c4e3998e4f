import type { Logger } from 'pino';
import type { Principal } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import type { Actor, EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { ContactIdentityRegisteredV1, IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import {
  type CommandMeta,
  type CommandResult,
  type ContactCommands,
  generateCode,
  generateReferralCode,
  newId,
} from '../application/contact-commands';
import { createContact, type CreateContact } from '../domain/create-contact';

/**
 * Contact registration (process manager): when the identity domain registers a contact through
 * self-service (`contact_identity.registered`), the contacts domain creates that contact, with the
 * id identity chose, so the self-service tokens and the contact agree. Identity is never imported:
 * only its event contract.
 *
 * Delivery is at least once: creating with a given id is idempotent (a redelivery finds the
 * contact and changes nothing). Registration data that the contacts rules reject must not block
 * the partition (retries would fail the same way and end in the DLQ, without a contact): the
 * offending optional field is logged and left out and the contact is created without it.
 * Infrastructure failures are rethrown, so the bus retries.
 */
export const REGISTRATION_GROUP = 'contacts-write.registrations';

/** Events name the identity domain as the (system) actor of contacts it causes. */
export const REGISTRATION_ACTOR: Actor = { kind: 'system', id: 'identity' };

/** Last name of last resort, for a registration carrying no name, email or phone at all. */
export const UNNAMED = 'Unknown';

const NAME_MAX = 100;

export type Registration = ContactIdentityRegisteredV1['data'];

/** Registration fields that can be left out of the contact when the contacts rules reject them. */
export type OmittableField = 'firstName' | 'lastName' | 'email' | 'phone' | 'languageCode';

/** Control characters out, trimmed, at most a name's length; null when nothing is left. */
function label(value: string | null | undefined): string | null {
  const clean = (value ?? '')
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, NAME_MAX)
    .trim();
  return clean === '' ? null : clean;
}

/**
 * A PERSON needs a first or last name, but self-service registration does not ask for one (an
 * email or a phone is enough). Rather than refusing the registration the contact gets the email's
 * local part, else the phone number, as its last name (staff can rename it later). The label is
 * cleaned so it always satisfies the name rules, even when the email itself is rejected.
 */
export function fallbackLastName(data: Pick<Registration, 'email' | 'phone'>): string {
  const localPart = data.email === null ? null : (data.email.split('@')[0] ?? null);
  return label(localPart) ?? label(data.phone?.number) ?? UNNAMED;
}

/** The createContact command for a registration, without the fields in `omit`. Pure. */
export function registrationCommand(data: Registration, omit: ReadonlySet<OmittableField> = new Set()): CreateContact {
  const firstName = omit.has('firstName') ? null : data.firstName;
  const lastName = omit.has('lastName') ? null : data.lastName;
  const named = label(firstName) !== null || label(lastName) !== null;
  const phone = omit.has('phone') ? null : data.phone;
  return {
    type: 'PERSON',
    firstName,
    lastName: named ? lastName : fallbackLastName(data),
    email: omit.has('email') ? null : data.email,
    phones: phone ? [{ type: 'MOBILE', countryCode: phone.countryCode, number: phone.number, isPrimary: true }] : [],
    smsOptOut: data.smsOptOut,
    emailOptOut: data.emailOptOut,
    languageCode: omit.has('languageCode') ? null : data.languageCode,
  };
}

/** The registration field a domain validation error is about (null: not caused by registration data). */
export function omittableField(field: string | undefined): OmittableField | null {
  if (field === 'firstName' || field === 'lastName' || field === 'email' || field === 'languageCode') return field;
  if (field === 'phones' || field?.startsWith('phones.')) return 'phone';
  return null;
}

export function isRegistration(event: EventEnvelope): event is ContactIdentityRegisteredV1 {
  return event.type === ContactIdentityRegisteredV1.type && event.schemaVersion === ContactIdentityRegisteredV1.schemaVersion;
}

export class ContactRegistrationProcess {
  private readonly logger: Logger;

  constructor(
    private readonly commands: ContactCommands,
    logger: Logger,
  ) {
    this.logger = logger.child({ processManager: REGISTRATION_GROUP });
  }

  /** Subscribes to the identity topic (created if missing) with this process's consumer group. */
  async start(bus: EventBus): Promise<Subscription> {
    await bus.ensureTopics([IDENTITY_TOPIC]);
    return bus.subscribe({ groupId: REGISTRATION_GROUP, topics: [IDENTITY_TOPIC], handler: this.handle });
  }

  handle = async (event: EventEnvelope): Promise<void> => {
    if (!isRegistration(event)) return;
    await this.register(event);
  };

  /**
   * Creates the contact; each validation failure leaves out the field it names and tries again.
   * Every retry omits one more distinct field, and with all of them out the command is always
   * valid (a cleaned fallback last name and booleans), so this ends without throwing for user
   * data. A validation error naming no registration field is a bug, not data: it is rethrown.
   */
  async register(event: ContactIdentityRegisteredV1): Promise<CommandResult> {
    const principal: Principal = { tenantId: event.tenantId, kind: 'service', subjectId: REGISTRATION_ACTOR.id, permissions: [] };
    const meta: CommandMeta = { principal, correlationId: event.correlationId, actor: REGISTRATION_ACTOR, causationId: event.id };
    const { contactId } = event.data;
    const omitted = new Set<OmittableField>();
    for (;;) {
      const command = registrationCommand(event.data, omitted);
      try {
        return await this.commands.create(
          meta,
          (state, now) => createContact(state, command, { now, newId, generatedCode: generateCode(), referralCode: generateReferralCode() }),
          command,
          contactId,
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
        const field = omittableField(err.field);
        if (field === null || omitted.has(field)) throw err;
        omitted.add(field);
        // field and reason only: the rejected value is personal data
        this.logger.warn(
          { eventId: event.id, tenantId: event.tenantId, contactId, field: err.field, reason: err.reason, omitted: [...omitted] },
          'registration data rejected by the contacts rules; creating the contact without it',
        );
      }
    }
  }
}
