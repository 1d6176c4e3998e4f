import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { identityDeciders } from './decider-test-kit';
import { configureProvider, evolveProvider, type ProviderChange, removeProvider } from './identity-provider';

const ID = '00000000-0000-4000-8000-0000000000c1';

const spec = identityDeciders(AGGREGATES.identityProvider, ID, evolveProvider);

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

  it('configureProvider: configuring again after a removal revives the same provider with the new settings and secret', () => {
    const again = { kind: 'OIDC' as const, type: 'google', settings: { ...google, scopes: ['openid'] }, sealedSecret: 'sealed-2' };
    const revived = spec(configureProvider)
      .given(configuredGoogle, removedGoogle)
      .when(again)
      .then([
        {
          type: 'identity_provider.configured',
          data: { ...configuredGoogle.data, scopes: ['openid'] } as typeof configuredGoogle.data,
          stored: { settings: again.settings, sealedSecret: 'sealed-2' },
        },
      ]);
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
