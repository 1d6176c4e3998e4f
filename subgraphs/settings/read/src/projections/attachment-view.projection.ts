import type { AttachmentEvent } from '@crm/event-bus/contracts/settings';

/** The read model of one contact attachment. */
export interface AttachmentView {
  id: string;
  version: number;
  contactId: string;
  file: { id: string; name: string; contentType: string } | null;
  link: string | null;
  description: string | null;
  removed: boolean;
  createdAt: Date;
}

/** Folds one event into the view (pure). */
export function projectAttachment(
  view: AttachmentView | null,
  event: Pick<AttachmentEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): AttachmentView {
  switch (event.type) {
    case 'attachment.added': {
      const d = event.data as Extract<AttachmentEvent, { type: 'attachment.added' }>['data'];
      return { id: event.aggregateId, version: event.aggregateVersion, ...d, removed: false, createdAt: new Date(event.occurredAt) };
    }
    case 'attachment.removed':
      if (!view) throw new Error(`attachment.removed for ${event.aggregateId} before attachment.added`);
      return { ...view, version: event.aggregateVersion, removed: true };
  }
}
