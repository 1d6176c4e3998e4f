import { describe, it } from 'node:test';
import { APP_SETTINGS_AGGREGATE } from '@crm/event-bus/contracts/settings';
import { settingsSpecification, SPEC_ID } from './spec-kit';
import { evolveAppSettings, type AppSettingsChange, type AppSettingsState } from './app-settings';
import { appSettingsOf, createAppSettings, removeAppSettings, replaceAppSettings, type SetAppSettings } from './set-app-settings';

const id = SPEC_ID;
const spec = settingsSpecification<AppSettingsState, AppSettingsChange>(APP_SETTINGS_AGGREGATE, evolveAppSettings);
const create = spec<SetAppSettings>(createAppSettings).given;
const replace = spec<SetAppSettings>((s, c) => replaceAppSettings(s, id, c)).given;
const remove = spec<null>((s) => removeAppSettings(s, id)).given;

const LINK = '00000000-0000-4000-8000-0000000000a1';
const PAY = '00000000-0000-4000-8000-0000000000b1';
const minimal: SetAppSettings = { platformAppId: 'com.example.app', name: ' Example ', type: 'NATIVE' };
const created: AppSettingsChange = { type: 'app_settings.set', data: appSettingsOf(minimal) };

describe('createAppSettings', () => {
  it('creates a configuration with defaults: email and password sign-in only, LAYOUT1, no integrations or links', () => {
    create()
      .when(minimal)
      .then([
        {
          type: 'app_settings.set',
          data: {
            platformAppId: 'com.example.app',
            name: 'Example',
            type: 'NATIVE',
            description: null,
            brandName: null,
            authentication: {
              emailPassword: true,
              emailOtp: false,
              smsOtp: false,
              facebook: { isSupported: false, appId: null },
              google: false,
              sso: false,
              guestContact: { isSupported: false, contactId: null, contactName: null },
              demoContact: { isSupported: false, contactId: null, contactName: null },
            },
            appearance: { darkMode: false, homepageLayout: 'LAYOUT1', orderingLayout: 'LAYOUT1', colours: [], textFont: null },
            showBestSelling: false,
            showRecommendations: false,
            integrations: [],
            embeddedLinks: [],
          },
        },
      ]);
  });

  it('keeps integrations and embedded links with their ids, a link sorted by its position unless told', () => {
    const data = appSettingsOf({
      ...minimal,
      integrations: [{ id: PAY, type: 'PAYMENT_GATEWAYS', connector: 'STRIPE', paymentMethods: ['CARD'] }],
      embeddedLinks: [{ id: LINK, title: 'Terms', url: 'https://example.com/terms', languageCode: 'EN' }],
    });
    create()
      .when({
        ...minimal,
        integrations: [{ id: PAY, type: 'PAYMENT_GATEWAYS', connector: 'STRIPE', paymentMethods: ['CARD'] }],
        embeddedLinks: [{ id: LINK, title: 'Terms', url: 'https://example.com/terms', languageCode: 'EN' }],
      })
      .then([{ type: 'app_settings.set', data }]);
  });

  it('refuses bad values naming the field: type, platform_app_id, a link that is not http(s), a colour, a supported guest contact without one, a repeated id', () => {
    create()
      .when({ ...minimal, type: 'KIOSK' })
      .thenFails({ code: 'VALIDATION', field: 'type', reason: 'INVALID_ENUM' });
    create()
      .when({ ...minimal, platformAppId: 'has space' })
      .thenFails({ code: 'VALIDATION', field: 'platform_app_id', reason: 'INVALID_CHARACTERS' });
    create()
      .when({ ...minimal, embeddedLinks: [{ id: LINK, title: 'x', url: 'javascript:alert(1)', languageCode: 'EN' }] })
      .thenFails({ code: 'VALIDATION', field: 'embedded_links.0.url', reason: 'INVALID_URL' });
    create()
      .when({ ...minimal, embeddedLinks: [{ id: LINK, title: 'x', url: 'https://a.example', languageCode: 'FR' }] })
      .thenFails({ code: 'VALIDATION', field: 'embedded_links.0.language_code', reason: 'INVALID_ENUM' });
    create()
      .when({ ...minimal, appearance: { colours: [{ type: 'PRIMARY_COLOUR', value: 'red' }] } })
      .thenFails({ code: 'VALIDATION', field: 'appearance.colours.0.value', reason: 'INVALID_FORMAT' });
    create()
      .when({ ...minimal, authentication: { guestContact: { isSupported: true } } })
      .thenFails({ code: 'VALIDATION', field: 'authentication.guest_contact.contact.id', reason: 'REQUIRED' });
    create()
      .when({ ...minimal, authentication: { facebook: { isSupported: true } } })
      .thenFails({ code: 'VALIDATION', field: 'authentication.facebook.app_id', reason: 'REQUIRED' });
    create()
      .when({
        ...minimal,
        integrations: [
          { id: PAY, type: 'PAYMENT_GATEWAYS', connector: 'STRIPE' },
          { id: PAY, type: 'ANALYTICS', connector: 'GA' },
        ],
      })
      .thenFails({ code: 'VALIDATION', field: 'integrations.1', reason: 'DUPLICATE' });
    create(created).when(minimal).thenFails({ code: 'CONFLICT', reason: 'APP_SETTINGS_EXISTS' });
  });
});

describe('replaceAppSettings and removeAppSettings', () => {
  it('replaces the whole configuration; the same one again changes nothing', () => {
    const withGuest: SetAppSettings = {
      ...minimal,
      authentication: { guestContact: { isSupported: true, contactId: '00000000-0000-4000-8000-0000000000c1', contactName: 'Guest' } },
    };
    replace(created)
      .when(withGuest)
      .then([{ type: 'app_settings.set', data: appSettingsOf(withGuest) }]);
    replace(created).when(minimal).then([]);
  });

  it('removes a configuration; a removed or missing one is not found', () => {
    remove(created)
      .when(null)
      .then([{ type: 'app_settings.removed', data: { platformAppId: 'com.example.app' } }]);
    remove(created, { type: 'app_settings.removed', data: { platformAppId: 'com.example.app' } })
      .when(null)
      .thenFails({ code: 'NOT_FOUND', reason: 'APP_SETTINGS_NOT_FOUND' });
    replace().when(minimal).thenFails({ code: 'NOT_FOUND', reason: 'APP_SETTINGS_NOT_FOUND' });
  });
});
