import type { DataSource } from 'typeorm';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type CommandResult, type RequestContext } from '@crm/event-bus/kit';
import { LANDING_PAGE_AGGREGATE } from '@crm/event-bus/contracts/settings';
import {
  createLandingPage,
  evolveLandingPage,
  removeLandingPage,
  replaceLandingPage,
  type LandingPageChange,
  type LandingPageState,
  type SetLandingPage,
} from '../domain/landing-page';
import { landingPageStore } from '../persistence/landing-page-store';

export const landingPageAggregate: AggregateDefinition<LandingPageState, LandingPageChange> = {
  type: LANDING_PAGE_AGGREGATE,
  evolve: evolveLandingPage,
  store: landingPageStore,
  versionConflict: () => new AppError('CONFLICT', 'the landing page was changed by another request; retry', { reason: 'VERSION_CONFLICT' }),
};

/** The command as sent: form fields without an id get a new one here (the deciders stay pure). */
export interface LandingPageInput extends Omit<SetLandingPage, 'form'> {
  form?: (Omit<NonNullable<SetLandingPage['form']>[number], 'id'> & { id?: string | null })[] | null;
}

const withIds = (input: LandingPageInput): SetLandingPage => ({ ...input, form: input.form?.map((f) => ({ ...f, id: f.id ?? newId() })) ?? null });

/** Landing page commands (Back-Office). */
export class LandingPageCommands {
  private readonly handler: CommandHandler<LandingPageState, LandingPageChange>;

  constructor(dataSource: DataSource, registry: EventRegistry, onCommitted: () => void) {
    this.handler = new CommandHandler(dataSource, registry, landingPageAggregate, onCommitted);
  }

  create(ctx: RequestContext, input: LandingPageInput, idempotencyKey: string | null): Promise<CommandResult<LandingPageState>> {
    const command = withIds(input);
    const idempotency = idempotencyKey ? { scope: 'settings.landing_page.create', key: idempotencyKey, request: input } : null;
    return this.handler.run(ctx, { create: true, id: null }, (state) => createLandingPage(state, command), idempotency);
  }

  replace(ctx: RequestContext, id: string, input: LandingPageInput): Promise<CommandResult<LandingPageState>> {
    const command = withIds(input);
    return this.handler.run(ctx, { create: false, ref: id }, (state) => replaceLandingPage(state, id, command));
  }

  remove(ctx: RequestContext, id: string): Promise<CommandResult<LandingPageState>> {
    return this.handler.run(ctx, { create: false, ref: id }, (state) => removeLandingPage(state, id));
  }
}
