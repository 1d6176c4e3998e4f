import type { CustomFieldDefinition, CustomFieldEvent } from '@crm/event-bus/contracts/settings';

/** The read model of one custom field definition. */
export interface CustomFieldView extends CustomFieldDefinition {
  id: string;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Folds one event into the view (pure; events arrive in aggregate-version order). */
export function projectCustomField(
  view: CustomFieldView | null,
  event: Pick<CustomFieldEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): CustomFieldView {
  const at = new Date(event.occurredAt);
  const base = { id: event.aggregateId, version: event.aggregateVersion };
  switch (event.type) {
    case 'custom_field.defined':
      return { ...base, ...(event.data as CustomFieldDefinition), removed: false, createdAt: at, updatedAt: at };
    case 'custom_field.changed':
      if (!view) throw new Error(`custom_field.changed for ${event.aggregateId} before custom_field.defined`);
      return { ...view, ...base, ...(event.data as CustomFieldDefinition), updatedAt: at };
    case 'custom_field.removed':
      if (!view) throw new Error(`custom_field.removed for ${event.aggregateId} before custom_field.defined`);
      return { ...view, ...base, removed: true, updatedAt: at };
  }
}
