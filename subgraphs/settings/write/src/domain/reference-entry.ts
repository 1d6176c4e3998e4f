import type { ReferenceEntryDefinition, ReferenceEntryEvent } from '@crm/event-bus/contracts/settings';

/** Write-side state of one reference list entry (a tag, language, name-day rule, industry, sub-industry or business activity). */
export type ReferenceEntryState = ReferenceEntryDefinition & {
  id: string;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type ReferenceEntryChange = ReferenceEntryEvent extends infer E ? (E extends ReferenceEntryEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolveReferenceEntry(
  state: ReferenceEntryState | null,
  event: ReferenceEntryChange,
  meta: { version: number; at: Date },
): ReferenceEntryState {
  switch (event.type) {
    case 'reference_entry.defined':
      return { ...event.data, id: state?.id ?? '', version: meta.version, removed: false, createdAt: meta.at, updatedAt: meta.at };
    case 'reference_entry.changed':
      if (!state) throw new Error('reference_entry.changed before reference_entry.defined');
      return { ...event.data, id: state.id, version: meta.version, removed: false, createdAt: state.createdAt, updatedAt: meta.at };
    case 'reference_entry.removed':
      if (!state) throw new Error('reference_entry.removed before reference_entry.defined');
      return { ...state, removed: true, version: meta.version, updatedAt: meta.at };
  }
}
