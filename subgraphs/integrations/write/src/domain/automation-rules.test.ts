import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { normaliseAutomation, type AutomationInput } from './automation-rules';

const refs = { eventTypes: new Set(['contact.created', 'contact.updated']) };
const base: AutomationInput = {
  name: '  Welcome  ',
  event: 'contact.created',
  conditions: [{ field: 'contactType', operator: 'EQUALS', value: 'PERSON' }],
  actions: [{ type: 'ACTIVITY', name: 'Call', dueInDays: 1 }],
  enabled: true,
};

function fieldOf(input: Partial<AutomationInput>): string | undefined {
  try {
    normaliseAutomation({ ...base, ...input }, refs);
  } catch (err) {
    assert.ok(err instanceof AppError && err.code === 'VALIDATION', String(err));
    return err.field;
  }
  return undefined;
}

describe('normaliseAutomation', () => {
  it('trims and normalises what it keeps', () => {
    const s = normaliseAutomation(
      {
        ...base,
        actions: [
          ...base.actions,
          { type: 'WEBHOOK', webhookId: '0123456789ABCDEF0123456789abcdef' },
          { type: 'ADAPTER', adapter: 'MIXPANEL', params: { event: 'signup' } },
        ],
      },
      refs,
    );
    assert.equal(s.name, 'Welcome');
    assert.deepEqual(s.actions, [
      { type: 'ACTIVITY', name: 'Call', description: null, dueInDays: 1 },
      { type: 'WEBHOOK', webhookId: '01234567-89ab-cdef-0123-456789abcdef' },
      { type: 'ADAPTER', adapter: 'MIXPANEL', params: { event: 'signup' } },
    ]);
  });

  const refused: [string, Partial<AutomationInput>, string][] = [
    ['an empty name', { name: ' ' }, 'name'],
    ['an unknown event', { event: 'nope.happened' }, 'event'],
    ['no action', { actions: [] }, 'actions'],
    ['11 actions', { actions: Array.from({ length: 11 }, () => base.actions[0]) }, 'actions'],
    ['21 conditions', { conditions: Array.from({ length: 21 }, () => base.conditions[0]!) }, 'conditions'],
    ['a bad field path', { conditions: [{ field: 'a..b', operator: 'EQUALS', value: 1 }] }, 'conditions.0.field'],
    ['an unknown operator', { conditions: [{ field: 'a', operator: 'LIKE', value: 1 }] }, 'conditions.0.operator'],
    ['IN without a list', { conditions: [{ field: 'a', operator: 'IN', value: 'x' }] }, 'conditions.0.value'],
    ['GT with a word', { conditions: [{ field: 'a', operator: 'GT', value: 'big' }] }, 'conditions.0.value'],
    ['CONTAINS with a number', { conditions: [{ field: 'a', operator: 'CONTAINS', value: 3 }] }, 'conditions.0.value'],
    ['an object value', { conditions: [{ field: 'a', operator: 'EQUALS', value: { x: 1 } }] }, 'conditions.0.value'],
    ['an unknown action type', { actions: [{ type: 'FAX' }] }, 'actions.0.type'],
    ['an action type not available yet', { actions: [{ type: 'APPROVAL' }] }, 'actions.0.type'],
    ['a webhook action without an id', { actions: [{ type: 'WEBHOOK', webhookId: 'x' }] }, 'actions.0.webhookId'],
    ['an activity without a name', { actions: [{ type: 'ACTIVITY' }] }, 'actions.0.name'],
    ['an activity due in -1 days', { actions: [{ type: 'ACTIVITY', name: 'x', dueInDays: -1 }] }, 'actions.0.dueInDays'],
    ['an unknown action field (mass assignment)', { actions: [{ type: 'ACTIVITY', name: 'x', tenantId: 't2' }] }, 'actions.0.tenantId'],
    ['an unknown adapter', { actions: [{ type: 'ADAPTER', adapter: 'SLACK', params: {} }] }, 'actions.0.adapter'],
    ['a non-string adapter param', { actions: [{ type: 'ADAPTER', adapter: 'GA4', params: { event: 1 } }] }, 'actions.0.params.event'],
    [
      'a param the provider does not take',
      { actions: [{ type: 'ADAPTER', adapter: 'GA4', params: { api_secret: 'x' } }] },
      'actions.0.params.api_secret',
    ],
    [
      'a Sendgrid mail without template or text',
      { actions: [{ type: 'ADAPTER', adapter: 'SENDGRID', params: { subject: 'x' } }] },
      'actions.0.params',
    ],
    ['an SMS without text', { actions: [{ type: 'ADAPTER', adapter: 'TWILIO', params: {} }] }, 'actions.0.params.text'],
  ];
  for (const [what, input, field] of refused) {
    it(`refuses ${what}, naming ${field}`, () => assert.equal(fieldOf(input), field));
  }
});
