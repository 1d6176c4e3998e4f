import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { CONTACT_PROFILE_AGGREGATE, type FileOwner } from '@crm/event-bus/contracts/settings';
import {
  evolveContactProfile,
  removeContactImage,
  setContactImage,
  setPreference,
  type ContactProfileChange,
  type ContactProfileState,
} from '../domain/contact-profile';
import { visibleTo } from '../domain/file';
import { contactProfileStore } from '../persistence/contact-profile-store';
import { fileStore } from '../persistence/file-store';
import { constraintOf } from '../persistence/rows';

export const contactProfileAggregate: AggregateDefinition<ContactProfileState, ContactProfileChange> = {
  type: CONTACT_PROFILE_AGGREGATE,
  evolve: evolveContactProfile,
  store: contactProfileStore,
  versionConflict: () => new AppError('CONFLICT', "the contact's profile was changed by another request; retry", { reason: 'VERSION_CONFLICT' }),
};

const isDuplicateKey = (err: unknown) => constraintOf(err) === 'contact_profiles_pkey' || (err as { code?: string } | null)?.code === '23505';

/** A contact's profile extras kept by settings: its image (a stored file of its own) and preferred organisations. */
export class ContactProfileCommands {
  private readonly handler: CommandHandler<ContactProfileState, ContactProfileChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
  ) {
    this.handler = new CommandHandler(dataSource, registry, contactProfileAggregate, onCommitted);
  }

  /** Runs a decision on the contact's profile, creating it (id = the contact's) on the first change. */
  private async upsert(
    ctx: RequestContext,
    contactId: string,
    decide: (state: ContactProfileState | null) => ContactProfileChange[],
  ): Promise<CommandResult<ContactProfileState>> {
    for (let attempt = 0; ; attempt++) {
      const exists = await contactProfileStore.findById(this.dataSource, ctx.tenantId, contactId);
      try {
        return await this.handler.run(ctx, exists ? { create: false, ref: contactId } : { create: true, id: contactId }, (state) =>
          decide(exists ? state : null),
        );
      } catch (err) {
        // two first changes at once: the second finds the row on its next attempt
        if (!exists && isDuplicateKey(err) && attempt < 2) continue;
        throw err;
      }
    }
  }

  async state(ctx: RequestContext, contactId: string): Promise<ContactProfileState | null> {
    return contactProfileStore.findById(this.dataSource, ctx.tenantId, contactId);
  }

  async setImage(ctx: RequestContext, caller: FileOwner, contactId: string, fileId: string): Promise<CommandResult<ContactProfileState>> {
    const loaded = await fileStore.load(this.dataSource, ctx.tenantId, fileId);
    // the image is a file the contact itself uploaded (a user may set any file of the tenant owned by the contact)
    const owned = visibleTo(loaded, caller) && loaded.owner.kind === 'contact' && loaded.owner.id === contactId ? loaded : null;
    return this.upsert(ctx, contactId, (state) => setContactImage(state, { contactId, fileId, file: owned }));
  }

  async removeImage(ctx: RequestContext, contactId: string): Promise<CommandResult<ContactProfileState>> {
    const exists = await contactProfileStore.findById(this.dataSource, ctx.tenantId, contactId);
    if (!exists) throw new AppError('NOT_FOUND', `contact ${contactId} has no image`, { reason: 'CONTACT_IMAGE_NOT_FOUND' });
    return this.handler.run(ctx, { create: false, ref: contactId }, (state) => removeContactImage(state, { contactId }));
  }

  setPreference(ctx: RequestContext, contactId: string, type: string, organisationId: string): Promise<CommandResult<ContactProfileState>> {
    const id = newId();
    return this.upsert(ctx, contactId, (state) => setPreference(state, { contactId, id, type, organisationId }));
  }
}
