import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LANDING_PAGE_AGGREGATE } from '@crm/event-bus/contracts/settings';
import {
  createLandingPage,
  evolveLandingPage,
  landingPageOf,
  removeLandingPage,
  replaceLandingPage,
  type LandingPageChange,
  type LandingPageState,
} from './landing-page';
import { settingsSpecification, SPEC_ID } from './spec-kit';

const spec = settingsSpecification<LandingPageState, LandingPageChange>(LANDING_PAGE_AGGREGATE, evolveLandingPage);
const FIELD = '0190a000-0000-7000-8000-00000000f001';
const page = {
  name: ' Enrolment ',
  type: 'REGISTER',
  link: 'https://abc.example/join',
  colors: [{ type: 'BUTTON', value: '#fde56f' }],
  form: [{ id: FIELD, property: 'contact.email', label: 'Email' }],
};
const set: LandingPageChange = {
  type: 'landing_page.set',
  data: {
    name: 'Enrolment',
    description: null,
    type: 'REGISTER',
    state: 'ACTIVE',
    link: 'https://abc.example/join',
    mobilePass: false,
    header: null,
    title: null,
    footer: null,
    button: null,
    success: null,
    fail: null,
    signInUrl: null,
    colors: [{ type: 'BUTTON', value: 'FDE56F' }],
    form: [{ id: FIELD, property: 'contact.email', label: 'Email', priority: 0 }],
  },
};

describe('landing page deciders', () => {
  it('creates a page with defaults (ACTIVE, normalised colour, priorities by position)', () => {
    spec(createLandingPage).given().when(page).then([set]);
  });
  it('replacing with the same definition is no event; a change is one', () => {
    const { given } = spec((s: LandingPageState | null, c: typeof page & { state?: string }) => replaceLandingPage(s, SPEC_ID, c));
    given(set).when(page).then([]);
    given(set)
      .when({ ...page, state: 'INACTIVE' })
      .then([{ type: 'landing_page.set', data: { ...set.data, state: 'INACTIVE' } }]);
  });
  it('removes once; a removed or unknown page is 404', () => {
    const { given } = spec((s: LandingPageState | null, _c: object) => removeLandingPage(s, SPEC_ID));
    given(set)
      .when({})
      .then([{ type: 'landing_page.removed', data: {} }]);
    given().when({}).thenFails({ code: 'NOT_FOUND', reason: 'LANDING_PAGE_NOT_FOUND' });
    given(set, { type: 'landing_page.removed', data: {} }).when({}).thenFails({ code: 'NOT_FOUND' });
  });
  it('refuses bad fields naming them', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ type: 'LOGIN' }, 'type'],
      [{ link: 'javascript:alert(1)' }, 'link'],
      [{ colors: [{ type: 'BUTTON', value: 'red' }] }, 'colors.0.value'],
      [
        {
          colors: [
            { type: 'BUTTON', value: '000000' },
            { type: 'BUTTON', value: 'FFFFFF' },
          ],
        },
        'colors.1.type',
      ],
      [{ form: [{ id: FIELD, property: 'contact.email; drop', label: 'x' }] }, 'form.0.property'],
      [{ name: '   ' }, 'name'],
    ];
    for (const [change, field] of bad) {
      assert.throws(
        () => landingPageOf({ ...page, ...change } as never),
        (e: { field?: string }) => e.field === field,
        field,
      );
    }
  });
});
