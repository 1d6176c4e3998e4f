import type { LandingPageDefinition, LandingPageEvent } from '@crm/event-bus/contracts/settings';

/** The read model of one landing page. */
export interface LandingPageView extends LandingPageDefinition {
  id: string;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Folds one event into the view (pure; events arrive in aggregate-version order). */
export function projectLandingPage(
  view: LandingPageView | null,
  event: Pick<LandingPageEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): LandingPageView {
  const at = new Date(event.occurredAt);
  const base = { id: event.aggregateId, version: event.aggregateVersion };
  switch (event.type) {
    case 'landing_page.set':
      return { ...(event.data as LandingPageDefinition), ...base, removed: false, createdAt: view?.createdAt ?? at, updatedAt: at };
    case 'landing_page.removed':
      if (!view) throw new Error(`landing_page.removed for ${event.aggregateId} before landing_page.set`);
      return { ...view, ...base, removed: true, updatedAt: at };
  }
}
