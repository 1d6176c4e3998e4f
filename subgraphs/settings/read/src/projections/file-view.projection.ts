import type { FileEvent } from '@crm/event-bus/contracts/settings';

/** The read model of one file (its description; the bytes stay in the write side's file store). */
export interface FileView {
  id: string;
  version: number;
  ownerKind: string;
  ownerId: string | null;
  entityType: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Folds one event into the view (pure). The projector engine hands events in aggregate-version
 * order and skips redeliveries; this function only knows how each event changes the view.
 */
export function projectFile(
  view: FileView | null,
  event: Pick<FileEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): FileView {
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'file.uploaded': {
      const d = event.data;
      return {
        id: event.aggregateId,
        version: event.aggregateVersion,
        ownerKind: d.owner.kind,
        ownerId: d.owner.id,
        entityType: d.entityType,
        name: d.name,
        contentType: d.contentType,
        sizeBytes: d.sizeBytes,
        deleted: false,
        createdAt: at,
        updatedAt: at,
      };
    }
    case 'file.deleted':
      if (!view) throw new Error(`file.deleted for ${event.aggregateId} before file.uploaded`);
      return { ...view, version: event.aggregateVersion, deleted: true, updatedAt: at };
  }
}
