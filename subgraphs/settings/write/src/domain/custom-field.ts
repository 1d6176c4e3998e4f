import type { CustomFieldDefinition, CustomFieldEvent } from '@crm/event-bus/contracts/settings';

/** Write-side state of one custom field definition. */
export interface CustomFieldState extends CustomFieldDefinition {
  id: string;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type CustomFieldChange = CustomFieldEvent extends infer E ? (E extends CustomFieldEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolveCustomField(state: CustomFieldState | null, event: CustomFieldChange, meta: { version: number; at: Date }): CustomFieldState {
  switch (event.type) {
    case 'custom_field.defined':
      return { id: state?.id ?? '', version: meta.version, ...event.data, removed: false, createdAt: meta.at, updatedAt: meta.at };
    case 'custom_field.changed':
      if (!state) throw new Error('custom_field.changed before custom_field.defined');
      return { ...state, ...event.data, version: meta.version, updatedAt: meta.at };
    case 'custom_field.removed':
      if (!state) throw new Error('custom_field.removed before custom_field.defined');
      return { ...state, removed: true, version: meta.version, updatedAt: meta.at };
  }
}
