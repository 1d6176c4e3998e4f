import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADAPTER_AGGREGATE } from '@crm/event-bus/contracts/integrations';
import { deciderSpecification } from '@crm/platform/testing';
import { AppError } from '@crm/platform/errors';
import { evolve, type AdapterChange, type AdapterState } from './adapter';
import { normaliseAdapter, renderTemplate } from './adapter-rules';
import { configureAdapter } from './configure-adapter';
import { removeAdapter } from './remove-adapter';
import { at, validatorFor } from './decider-test-kit';

const validate = validatorFor(ADAPTER_AGGREGATE, '00000000-0000-4000-8000-000000000555');
const spec = <C>(decide: (s: AdapterState | null, c: C) => AdapterChange[]) =>
  deciderSpecification<AdapterState, AdapterChange, C>({ decide, evolve, at, validate });

const settings = { from_email: 'crm@shop.example' };
const configured: AdapterChange = {
  type: 'integration_adapter.configured',
  data: { kind: 'SENDGRID', settings },
  stored: { sealedCredentials: 'sealed-1' },
};

describe('configureAdapter / removeAdapter', () => {
  it('configures: the event carries the settings, never the credentials (stored sealed beside it)', () => {
    spec(configureAdapter).given().when({ kind: 'SENDGRID', settings, sealedCredentials: 'sealed-1' }).then([configured]);
    assert.ok(!JSON.stringify(configured.data).includes('sealed'));
    assert.equal(evolve(null, configured, { version: 1, at }).sealedCredentials, 'sealed-1');
  });
  it('reconfigures, and configures again after a removal', () => {
    spec(configureAdapter)
      .given(configured, { type: 'integration_adapter.removed', data: { kind: 'SENDGRID' } })
      .when({ kind: 'SENDGRID', settings, sealedCredentials: 'sealed-2' })
      .then([{ ...configured, stored: { sealedCredentials: 'sealed-2' } }]);
  });
  it('removes, erasing the credentials; removing twice is a 404', () => {
    spec(removeAdapter)
      .given(configured)
      .when({ kind: 'SENDGRID' })
      .then([{ type: 'integration_adapter.removed', data: { kind: 'SENDGRID' } }]);
    const removed = evolve(
      evolve(null, configured, { version: 1, at }),
      { type: 'integration_adapter.removed', data: { kind: 'SENDGRID' } },
      { version: 2, at },
    );
    assert.deepEqual([removed.sealedCredentials, removed.removed], [null, true]);
    spec(removeAdapter).given().when({ kind: 'SENDGRID' }).thenFails({ code: 'NOT_FOUND', reason: 'INTEGRATION_ADAPTER_NOT_FOUND' });
  });
});

describe('normaliseAdapter', () => {
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof AppError);
      return err.field;
    }
    return undefined;
  };
  it('keeps each provider fields only, the required ones present, checked', () => {
    assert.deepEqual(
      normaliseAdapter('TWILIO', {
        credentials: { account_sid: 'AC1', auth_token: 't' },
        settings: { from_number: '+35722000000', base_url: 'http://127.0.0.1:9/' },
      }),
      {
        credentials: { account_sid: 'AC1', auth_token: 't' },
        settings: { from_number: '+35722000000', base_url: 'http://127.0.0.1:9' },
      },
    );
    assert.equal(
      fieldOf(() => normaliseAdapter('SENDGRID', { credentials: {}, settings })),
      'credentials.api_key',
    );
    assert.equal(
      fieldOf(() => normaliseAdapter('SENDGRID', { credentials: { api_key: 'k', token: 'x' }, settings })),
      'credentials.token',
    );
    assert.equal(
      fieldOf(() => normaliseAdapter('SENDGRID', { credentials: { api_key: 'k' }, settings: {} })),
      'settings.from_email',
    );
    assert.equal(
      fieldOf(() => normaliseAdapter('SENDGRID', { credentials: { api_key: 'k' }, settings: { from_email: 'nope' } })),
      'settings.from_email',
    );
    assert.equal(
      fieldOf(() => normaliseAdapter('GA4', { credentials: { api_secret: 's' }, settings: { measurement_id: 'G', base_url: 'ftp://x' } })),
      'settings.base_url',
    );
    assert.equal(
      fieldOf(() => normaliseAdapter('TWILIO', { credentials: { account_sid: 'a', auth_token: 't' }, settings: { from_number: '123' } })),
      'settings.from_number',
    );
  });
  it('fills {{path}} placeholders from the event data', () => {
    assert.equal(
      renderTemplate('Hi {{firstName}} {{ address.city }}{{missing}}', { firstName: 'Ada', address: { city: 'London' } }),
      'Hi Ada London',
    );
    assert.equal(renderTemplate('{{__proto__}}{{constructor}}', {}), '');
  });
});
