import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { FILE_AGGREGATE, type FileEntityType, type FileOwner } from '@crm/event-bus/contracts/settings';
import { evolve, visibleTo, type FileChange, type FileState } from '../domain/file';
import type { FileLimits } from '../domain/file-policy';
import { uploadFile } from '../domain/upload-file';
import { deleteFile } from '../domain/delete-file';
import { countOwnerFiles, fileStore, lockOwner } from '../persistence/file-store';
import type { FileContentStore } from './file-content-store';
import { sniffContentType } from './sniff';
import type { MediaSigner } from './media-signer';

/** Runs tasks one at a time per key (in this process); other keys run in parallel. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/** The file aggregate, as the platform's command handler runs it. */
export const fileAggregate: AggregateDefinition<FileState, FileChange> = {
  type: FILE_AGGREGATE,
  evolve,
  store: fileStore,
  versionConflict: () => new AppError('CONFLICT', 'the file was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

export interface UploadRequest {
  owner: FileOwner;
  entityType: FileEntityType;
  name: string;
  bytes: Buffer;
}

/**
 * File commands. An upload is one transaction: the owner's lock (so the per-contact count is
 * exact under concurrency), the bytes through the content port, the file's row and its event;
 * a refusal or a crash leaves nothing behind. A delete removes the bytes in the same way.
 */
export class FileCommands {
  private readonly handler: CommandHandler<FileState, FileChange>;
  private readonly ownerQueue = new KeyedQueue();

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    private readonly contents: FileContentStore,
    readonly limits: FileLimits,
    private readonly onCommitted: () => void,
    /** Verifies media upload signatures an upload may carry. */
    readonly signer: MediaSigner | null = null,
  ) {
    this.handler = new CommandHandler(dataSource, registry, fileAggregate, () => undefined);
  }

  async upload(ctx: RequestContext, req: UploadRequest): Promise<CommandResult<FileState>> {
    // the size is refused before anything else is read or stored
    if (req.bytes.length > this.limits.maxBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `file: larger than ${this.limits.maxBytes} bytes`, { field: 'file', reason: 'FILE_TOO_LARGE' });
    }
    const sniffedContentType = await sniffContentType(req.bytes);
    const sha256 = createHash('sha256').update(req.bytes).digest('hex');
    const id = newId();
    // one upload per owner at a time in this replica, queued before taking a pooled connection
    // (waiting on the database lock while holding a connection starved the pool under load); the
    // database lock below still serialises an owner's uploads across replicas
    const result = await this.ownerQueue.run(`${ctx.tenantId}:${req.owner.kind}:${req.owner.id ?? ''}`, () =>
      this.dataSource.transaction(async (m) => {
        if (req.owner.kind === 'contact') await lockOwner(m, ctx.tenantId, req.owner);
        const ownerFileCount = req.owner.kind === 'contact' ? await countOwnerFiles(m, ctx.tenantId, req.owner) : 0;
        const out = await this.handler.runIn(m, ctx, { create: true, id }, (state) =>
          uploadFile(state, {
            owner: req.owner,
            entityType: req.entityType,
            name: req.name,
            sniffedContentType,
            sizeBytes: req.bytes.length,
            sha256,
            ownerFileCount,
            limits: this.limits,
          }),
        );
        await this.contents.put(m, ctx.tenantId, id, req.bytes);
        return out;
      }),
    );
    this.onCommitted();
    return result;
  }

  async delete(ctx: RequestContext, id: string, caller: FileOwner): Promise<CommandResult<FileState>> {
    const result = await this.dataSource.transaction(async (m) => {
      const out = await this.handler.runIn(m, ctx, { create: false, ref: id }, (state) => deleteFile(state, { id, caller }));
      await this.contents.remove(m, ctx.tenantId, out.state.id);
      return out;
    });
    this.onCommitted();
    return result;
  }

  /** A file's description and bytes, when the caller may see it (tenant- and owner-scoped); null otherwise. */
  async content(tenantId: string, ref: string, caller: FileOwner): Promise<{ file: FileState; bytes: Buffer } | null> {
    const file = await fileStore.load(this.dataSource, tenantId, ref);
    if (!visibleTo(file, caller)) return null;
    const bytes = await this.contents.get(this.dataSource, tenantId, file.id);
    return bytes ? { file, bytes } : null;
  }
}
