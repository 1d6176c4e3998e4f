import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { ATTACHMENT_AGGREGATE, type FileOwner } from '@crm/event-bus/contracts/settings';
import { addAttachment, evolveAttachment, removeAttachment, type AttachmentChange, type AttachmentState } from '../domain/attachment';
import { visibleTo } from '../domain/file';
import { attachmentStore } from '../persistence/attachment-store';
import { fileStore } from '../persistence/file-store';

export const attachmentAggregate: AggregateDefinition<AttachmentState, AttachmentChange> = {
  type: ATTACHMENT_AGGREGATE,
  evolve: evolveAttachment,
  store: attachmentStore,
  versionConflict: () => new AppError('CONFLICT', 'the attachment was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** Contact attachments: a file the caller may see (its own, for a contact) or a link, linked to a contact. */
export class AttachmentCommands {
  private readonly handler: CommandHandler<AttachmentState, AttachmentChange>;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    onCommitted: () => void,
  ) {
    this.handler = new CommandHandler(dataSource, registry, attachmentAggregate, onCommitted);
  }

  async add(
    ctx: RequestContext,
    caller: FileOwner,
    cmd: { contactId: string; fileId: string | null; link: string | null; description: string | null },
  ): Promise<CommandResult<AttachmentState>> {
    const loaded = cmd.fileId ? await fileStore.load(this.dataSource, ctx.tenantId, cmd.fileId) : null;
    const file = visibleTo(loaded, caller) ? loaded : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => addAttachment(state, { ...cmd, file }));
  }

  remove(ctx: RequestContext, contactId: string, id: string): Promise<CommandResult<AttachmentState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => removeAttachment(state, { id, contactId }));
  }
}
