import { AUTOMATION_AGGREGATE } from '@crm/event-bus/contracts/integrations';
import { deciderSpecification } from '@crm/platform/testing';
import { evolve, type AutomationChange, type AutomationSettings, type AutomationState } from './automation';
import { at, validatorFor } from './decider-test-kit';

/** What the automation decider tests share: a time, an id, settings and the given/when/then kit validating every event against its contract. */
export { at };
export const ID = '00000000-0000-4000-8000-000000000777';

const validate = validatorFor(AUTOMATION_AGGREGATE, ID);

export const spec = <C>(decide: (s: AutomationState | null, c: C) => AutomationChange[]) =>
  deciderSpecification<AutomationState, AutomationChange, C>({ decide, evolve, at, validate });

export const settings: AutomationSettings = {
  name: 'Welcome VIPs',
  event: 'contact.created',
  conditions: [{ field: 'contactType', operator: 'EQUALS', value: 'PERSON' }],
  actions: [
    { type: 'ACTIVITY', name: 'Call the new contact', description: null, dueInDays: 2 },
    { type: 'WEBHOOK', webhookId: '00000000-0000-4000-8000-000000000999' },
  ],
  enabled: true,
};
export const created: AutomationChange = { type: 'automation.created', data: settings };
