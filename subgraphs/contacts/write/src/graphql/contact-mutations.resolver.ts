import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { toContactType } from '@crm/contacts-model';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { asPayload, formatConsistencyToken, type SubgraphContext, Authorized } from '@crm/platform/graphql';
import { CONTACT_AGGREGATE } from '@crm/event-bus/contracts/contacts';
import type { ContactCommands, CommandMeta, CommandResult } from '../application/contact-commands';
import { generateCode, generateReferralCode, newId } from '../application/contact-commands';
import type { ContactState } from '../domain/contact';
import { createContact, type CreateContact } from '../domain/create-contact';
import { updateContact } from '../domain/update-contact';
import { setContactTags } from '../domain/set-contact-tags';
import { addContactAddress } from '../domain/add-contact-address';
import { updateContactAddress } from '../domain/update-contact-address';
import { removeContactAddress } from '../domain/remove-contact-address';
import { unregisterContact } from '../domain/unregister-contact';
import { AddressInput, CreateContactInput, UpdateContactInput } from './inputs';
import { ContactAddressPayload, ContactPayload, UnregisterContactPayload } from './payloads';

function payloadOf(result: CommandResult): ContactPayload {
  return {
    contact: toContactType(result.state),
    consistencyToken: formatConsistencyToken({ aggregateType: CONTACT_AGGREGATE, aggregateId: result.state.id, version: result.state.version }),
    errors: [],
  };
}

const emptyPayload = (): ContactPayload => ({ contact: null, consistencyToken: null, errors: [] });

/** Wraps a decider so a contact principal can only act on its own contact. */
function owned<A extends unknown[]>(ctx: SubgraphContext, decide: (state: ContactState | null, ...rest: A) => ReturnType<typeof updateContact>) {
  return (state: ContactState | null, ...rest: A) => {
    if (state) assertOwnContact(ctx.principal, state.id);
    return decide(state, ...rest);
  };
}

@Resolver()
export class ContactMutationsResolver {
  constructor(private readonly commands: ContactCommands) {}

  private meta(ctx: SubgraphContext, idempotencyKey?: string | null): CommandMeta {
    return { principal: ctx.principal, correlationId: ctx.correlationId, idempotencyKey: idempotencyKey ?? null };
  }

  @Authorized(['contacts.write'])
  @Mutation(() => ContactPayload, { description: 'Creates a contact. Repeating a call with the same idempotencyKey returns the first result.' })
  createContact(
    @Arg('input', () => CreateContactInput) input: CreateContactInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactPayload> {
    const command = { ...input } as CreateContact;
    return asPayload(async () => {
      await this.commands.checkCustomFields(ctx.principal.tenantId, input.customFields, true);
      const result = await this.commands.create(
        this.meta(ctx, idempotencyKey),
        (state, now) => createContact(state, command, { now, newId, generatedCode: generateCode(), referralCode: generateReferralCode() }),
        command,
      );
      return payloadOf(result);
    }, emptyPayload);
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => ContactPayload, { description: 'Changes profile fields of a contact (by id or code).' })
  updateContact(
    @Arg('id', () => ID, { description: 'Contact id or code.' }) id: string,
    @Arg('input', () => UpdateContactInput) input: UpdateContactInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactPayload> {
    return asPayload(async () => {
      if (input.customFields !== undefined) await this.commands.checkCustomFields(ctx.principal.tenantId, input.customFields ?? [], true);
      const result = await this.commands.change(
        this.meta(ctx),
        id,
        owned(ctx, (state, now: Date) => updateContact(state, { ...input }, { now, newId, idOrCode: id })),
      );
      return payloadOf(result);
    }, emptyPayload);
  }

  @Authorized(['contacts.write'])
  @Mutation(() => ContactPayload, { description: 'Replaces the tags of a contact.' })
  setContactTags(@Arg('id', () => ID) id: string, @Arg('tags', () => [String]) tags: string[], @Ctx() ctx: SubgraphContext): Promise<ContactPayload> {
    return asPayload(
      async () => payloadOf(await this.commands.change(this.meta(ctx), id, (state) => setContactTags(state, { tags }, { idOrCode: id }))),
      emptyPayload,
    );
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => ContactAddressPayload)
  addContactAddress(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('input', () => AddressInput) input: AddressInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactAddressPayload> {
    const addressId = newId();
    return asPayload(
      async () => {
        const result = await this.commands.change(
          this.meta(ctx),
          contactId,
          owned(ctx, (state) => addContactAddress(state, { address: { ...input } }, { idOrCode: contactId, addressId })),
        );
        return { ...payloadOf(result), address: result.state.addresses.find((a) => a.id === addressId) ?? null };
      },
      () => ({ ...emptyPayload(), address: null }),
    );
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => ContactAddressPayload, { description: 'Replaces an address of a contact.' })
  updateContactAddress(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('addressId', () => ID) addressId: string,
    @Arg('input', () => AddressInput) input: AddressInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactAddressPayload> {
    return asPayload(
      async () => {
        const result = await this.commands.change(
          this.meta(ctx),
          contactId,
          owned(ctx, (state) => updateContactAddress(state, { addressId: addressId.toLowerCase(), address: { ...input } }, { idOrCode: contactId })),
        );
        return { ...payloadOf(result), address: result.state.addresses.find((a) => a.id === addressId.toLowerCase()) ?? null };
      },
      () => ({ ...emptyPayload(), address: null }),
    );
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => ContactPayload)
  removeContactAddress(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('addressId', () => ID) addressId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactPayload> {
    return asPayload(
      async () =>
        payloadOf(
          await this.commands.change(
            this.meta(ctx),
            contactId,
            owned(ctx, (state) => removeContactAddress(state, { addressId: addressId.toLowerCase() }, { idOrCode: contactId })),
          ),
        ),
      emptyPayload,
    );
  }

  @Authorized(['contacts.write', SELF])
  @Mutation(() => UnregisterContactPayload, { description: 'Unregisters (deletes) a contact from the business.' })
  unregisterContact(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<UnregisterContactPayload> {
    return asPayload<UnregisterContactPayload>(
      async () => {
        const result = await this.commands.change(
          this.meta(ctx),
          id,
          owned(ctx, (state) => unregisterContact(state, { idOrCode: id })),
        );
        const { id: contactId, version } = result.state;
        return {
          id: contactId,
          consistencyToken: formatConsistencyToken({ aggregateType: CONTACT_AGGREGATE, aggregateId: contactId, version }),
          errors: [],
        };
      },
      () => ({ id: null, consistencyToken: null, errors: [] }),
    );
  }
}
