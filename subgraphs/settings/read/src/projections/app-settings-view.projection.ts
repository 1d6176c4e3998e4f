import type { AppSettingsDefinition, AppSettingsEvent } from '@crm/event-bus/contracts/settings';

/** The read model of one application's public configuration. */
export interface AppSettingsView extends AppSettingsDefinition {
  id: string;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Folds one event into the view (pure; events arrive in aggregate-version order). */
export function projectAppSettings(
  view: AppSettingsView | null,
  event: Pick<AppSettingsEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): AppSettingsView {
  const at = new Date(event.occurredAt);
  const base = { id: event.aggregateId, version: event.aggregateVersion };
  switch (event.type) {
    case 'app_settings.set':
      return { ...(event.data as AppSettingsDefinition), ...base, removed: false, createdAt: view?.createdAt ?? at, updatedAt: at };
    case 'app_settings.removed':
      if (!view) throw new Error(`app_settings.removed for ${event.aggregateId} before app_settings.set`);
      return { ...view, ...base, removed: true, updatedAt: at };
  }
}
