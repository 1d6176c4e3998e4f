import type { AppSettingsDefinition, AppSettingsEvent } from '@crm/event-bus/contracts/settings';

/** Write-side state of one application's public configuration. */
export interface AppSettingsState extends AppSettingsDefinition {
  id: string;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type AppSettingsChange = AppSettingsEvent extends infer E ? (E extends AppSettingsEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolveAppSettings(state: AppSettingsState | null, event: AppSettingsChange, meta: { version: number; at: Date }): AppSettingsState {
  switch (event.type) {
    case 'app_settings.set':
      return {
        id: state?.id ?? '',
        ...event.data,
        version: meta.version,
        removed: false,
        createdAt: state?.createdAt ?? meta.at,
        updatedAt: meta.at,
      };
    case 'app_settings.removed':
      if (!state) throw new Error('app_settings.removed before app_settings.set');
      return { ...state, removed: true, version: meta.version, updatedAt: meta.at };
  }
}
