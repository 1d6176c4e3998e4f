import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registry } from '@crm/event-bus/contracts';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { deciderSpecification } from '@crm/platform/testing';
import { configureProvider, evolveProvider, type ProviderChange, type ProviderState, removeProvider } from './identity-provider';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const ID = '00000000-0000-4000-8000-0000000000c1';

/** Every emitted change must be a valid identity event once in its envelope (the stored part is not in it). */
const validate = ({ type, data }: ProviderChange, version: number) =>
  registry.validate({
    id: '00000000-0000-4000-8000-000000000900',
    type,
    data,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType: AGGREGATES.identityProvider,
    aggregateId: ID,
    aggregateVersion: version,
    occurredAt: T0.toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'user', id: 'u1' },
  });

const spec = <C>(decide: (state: ProviderState | null, cmd: C) => ProviderChange[]) =>
  deciderSpecification<ProviderState, ProviderChange, C>({ decide, evolve: (s, e, m) => ({ ...evolveProvider(s, e, m), id: ID }), validate, at: T0 });

const google = { issuer: 'https://accounts.example', clientId: 'client-1', redirectUris: ['https://app.example/cb'] };
const configuredGoogle: ProviderChange = {
  type: 'identity_provider.configured',
  data: {
    kind: 'OIDC',
    type: 'google',
    issuer: 'https://accounts.example',
    graphBaseUrl: null,
    clientId: 'client-1',
    redirectUris: ['https://app.example/cb'],
    scopes: null,
    hasSecret: true,
  },
  stored: { settings: google, sealedSecret: 'sealed-1' },
};
const removedGoogle: ProviderChange = { type: 'identity_provider.removed', data: { kind: 'OIDC', type: 'google' } };

describe('identity provider deciders', () => {
  it('configureProvider: an OIDC provider is configured; the event says a secret is stored but never carries it', () => {
    const state = spec(configureProvider)
      .given()
      .when({ kind: 'OIDC', type: 'google', settings: google, sealedSecret: 'sealed-1' })
      .then([configuredGoogle]);
    assert.equal(state.sealedSecret, 'sealed-1');
    assert.equal(JSON.stringify(configuredGoogle.data).includes('sealed-1'), false);
  });

  it('configureProvider: a Facebook provider answers its app id as client id and its Graph base URL', () => {
    spec(configureProvider)
      .given()
      .when({ kind: 'FACEBOOK', type: 'facebook', settings: { appId: 'app-1', graphBaseUrl: 'https://graph.example/v1' }, sealedSecret: 's' })
      .then([
        {
          type: 'identity_provider.configured',
          data: {
            kind: 'FACEBOOK',
            type: 'facebook',
            issuer: null,
            graphBaseUrl: 'https://graph.example/v1',
            clientId: 'app-1',
            redirectUris: [],
            scopes: null,
            hasSecret: true,
          },
          stored: { settings: { appId: 'app-1', graphBaseUrl: 'https://graph.example/v1' }, sealedSecret: 's' },
        },
      ]);
  });

  it('configureProvider: configuring again (also after a removal) takes the next version of the same provider', () => {
    const again = { kind: 'OIDC' as const, type: 'google', settings: { ...google, scopes: ['openid'] }, sealedSecret: 'sealed-2' };
    const state = spec(configureProvider).given(configuredGoogle, removedGoogle).when(again).events();
    assert.deepEqual(state[0]?.data.type, 'google');
    const revived = spec(configureProvider).given(configuredGoogle, removedGoogle).when(again).then(state);
    assert.deepEqual([revived.id, revived.removed, revived.sealedSecret, revived.settings], [ID, false, 'sealed-2', again.settings]);
  });

  it('removeProvider: erases the settings and the sealed secret', () => {
    const state = spec(removeProvider).given(configuredGoogle).when({ kind: 'OIDC', type: 'google' }).then([removedGoogle]);
    assert.deepEqual([state.removed, state.settings, state.sealedSecret], [true, null, null]);
  });

  it('removeProvider: a provider never configured or already removed is not found, naming type (OIDC) or kind (FACEBOOK)', () => {
    spec(removeProvider).given().when({ kind: 'OIDC', type: 'google' }).thenFails({ code: 'NOT_FOUND', reason: 'PROVIDER_NOT_FOUND', field: 'type' });
    spec(removeProvider)
      .given(configuredGoogle, removedGoogle)
      .when({ kind: 'OIDC', type: 'google' })
      .thenFails({ code: 'NOT_FOUND', reason: 'PROVIDER_NOT_FOUND' });
    spec(removeProvider)
      .given()
      .when({ kind: 'FACEBOOK', type: 'facebook' })
      .thenFails({ code: 'NOT_FOUND', reason: 'PROVIDER_NOT_FOUND', field: 'kind' });
  });
});
