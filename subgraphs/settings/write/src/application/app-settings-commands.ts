import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { APP_SETTINGS_AGGREGATE } from '@crm/event-bus/contracts/settings';
import { evolveAppSettings, type AppSettingsChange, type AppSettingsState } from '../domain/app-settings';
import { createAppSettings, removeAppSettings, replaceAppSettings, type SetAppSettings } from '../domain/set-app-settings';
import { appSettingsStore } from '../persistence/app-settings-store';

export const appSettingsAggregate: AggregateDefinition<AppSettingsState, AppSettingsChange> = {
  type: APP_SETTINGS_AGGREGATE,
  evolve: evolveAppSettings,
  store: appSettingsStore,
  versionConflict: () => new AppError('CONFLICT', 'the application settings were changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** The command as sent, list items without an id given a new one (ids are chosen here, so the deciders stay pure). */
export interface AppSettingsInput extends Omit<SetAppSettings, 'integrations' | 'embeddedLinks'> {
  integrations?: (Omit<NonNullable<SetAppSettings['integrations']>[number], 'id'> & { id?: string | null })[] | null;
  embeddedLinks?: (Omit<NonNullable<SetAppSettings['embeddedLinks']>[number], 'id'> & { id?: string | null })[] | null;
}

const withIds = (input: AppSettingsInput): SetAppSettings => ({
  ...input,
  integrations: input.integrations?.map((i) => ({ ...i, id: i.id ?? newId() })) ?? null,
  embeddedLinks: input.embeddedLinks?.map((l) => ({ ...l, id: l.id ?? newId() })) ?? null,
});

/** Application configuration commands on the kit's command handler. */
export class AppSettingsCommands {
  private readonly handler: CommandHandler<AppSettingsState, AppSettingsChange>;

  constructor(dataSource: DataSource, registry: EventRegistry, onCommitted: () => void) {
    this.handler = new CommandHandler(dataSource, registry, appSettingsAggregate, onCommitted);
  }

  create(ctx: RequestContext, input: AppSettingsInput, idempotencyKey: string | null): Promise<CommandResult<AppSettingsState>> {
    const command = withIds(input);
    const idempotency = idempotencyKey ? { scope: 'settings.app_settings.create', key: idempotencyKey, request: input } : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => createAppSettings(state, command), idempotency);
  }

  replace(ctx: RequestContext, id: string, input: AppSettingsInput): Promise<CommandResult<AppSettingsState>> {
    const command = withIds(input);
    return this.handler.run(ctx, { create: false, ref: id }, (state) => replaceAppSettings(state, id, command));
  }

  remove(ctx: RequestContext, id: string): Promise<CommandResult<AppSettingsState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => removeAppSettings(state, id));
  }
}
