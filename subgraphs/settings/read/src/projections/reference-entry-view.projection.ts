import type { ReferenceEntryDefinition, ReferenceEntryEvent } from '@crm/event-bus/contracts/settings';

/** The read model of one reference list entry. */
export type ReferenceEntryView = ReferenceEntryDefinition & {
  id: string;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** Folds one event into the view (pure; events arrive in aggregate-version order). */
export function projectReferenceEntry(
  view: ReferenceEntryView | null,
  event: Pick<ReferenceEntryEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): ReferenceEntryView {
  const at = new Date(event.occurredAt);
  const base = { id: event.aggregateId, version: event.aggregateVersion };
  switch (event.type) {
    case 'reference_entry.defined':
      return { ...(event.data as ReferenceEntryDefinition), ...base, removed: false, createdAt: at, updatedAt: at };
    case 'reference_entry.changed':
      if (!view) throw new Error(`reference_entry.changed for ${event.aggregateId} before reference_entry.defined`);
      return { ...(event.data as ReferenceEntryDefinition), ...base, removed: false, createdAt: view.createdAt, updatedAt: at };
    case 'reference_entry.removed':
      if (!view) throw new Error(`reference_entry.removed for ${event.aggregateId} before reference_entry.defined`);
      return { ...view, ...base, removed: true, updatedAt: at };
  }
}
