import { AppError } from '@crm/platform/errors';
import { sameJson } from '@crm/platform/json';
import {
  LANDING_PAGE_COLOR_TYPES,
  LANDING_PAGE_STATES,
  LANDING_PAGE_TYPES,
  type LandingPageDefinition,
  type LandingPageEvent,
} from '@crm/event-bus/contracts/settings';
import { oneOf, optionalText, textOf } from './checks';

/** Write-side state of one landing page. */
export interface LandingPageState extends LandingPageDefinition {
  id: string;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type LandingPageChange = LandingPageEvent extends infer E ? (E extends LandingPageEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolveLandingPage(state: LandingPageState | null, event: LandingPageChange, meta: { version: number; at: Date }): LandingPageState {
  switch (event.type) {
    case 'landing_page.set':
      return {
        id: state?.id ?? '',
        ...event.data,
        version: meta.version,
        removed: false,
        createdAt: state?.createdAt ?? meta.at,
        updatedAt: meta.at,
      };
    case 'landing_page.removed':
      if (!state) throw new Error('landing_page.removed before landing_page.set');
      return { ...state, removed: true, version: meta.version, updatedAt: meta.at };
  }
}

/** A landing page as the Back-Office sends it (form fields without an id get one from the caller first). */
export interface SetLandingPage {
  name: string;
  description?: string | null;
  type: string;
  state?: string | null;
  link?: string | null;
  mobilePass?: boolean | null;
  header?: string | null;
  title?: string | null;
  footer?: string | null;
  button?: string | null;
  success?: string | null;
  fail?: string | null;
  signInUrl?: string | null;
  colors?: { type: string; value: string }[] | null;
  form?: { id: string; property: string; label: string; priority?: number | null }[] | null;
}

function urlOrNull(field: string, value: string | null | undefined): string | null {
  if (value == null || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw AppError.validation(field, 'must be an absolute URL', 'INVALID_URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw AppError.validation(field, 'must be an http or https URL', 'INVALID_URL');
  if (url.href.length > 2000) throw AppError.validation(field, 'must be at most 2000 characters', 'TOO_LONG');
  return url.href;
}

/** The whole definition from a command (pure; every refusal names the REST field). */
export function landingPageOf(cmd: SetLandingPage): LandingPageDefinition {
  const colors = cmd.colors ?? [];
  if (colors.length > LANDING_PAGE_COLOR_TYPES.length)
    throw AppError.validation('colors', `at most ${LANDING_PAGE_COLOR_TYPES.length} colours`, 'TOO_MANY');
  const seen = new Set<string>();
  const outColors = colors.map((c, i) => {
    const type = oneOf(`colors.${i}.type`, c.type, LANDING_PAGE_COLOR_TYPES);
    if (seen.has(type)) throw AppError.validation(`colors.${i}.type`, `repeats ${type}`, 'DUPLICATE');
    seen.add(type);
    const value = c.value.trim().replace(/^#/, '').toUpperCase();
    if (!/^[0-9A-F]{6}$/.test(value)) throw AppError.validation(`colors.${i}.value`, 'must be a hex colour code (FDE56F)', 'INVALID_FORMAT');
    return { type, value };
  });
  const form = cmd.form ?? [];
  if (form.length > 50) throw AppError.validation('form', 'at most 50 fields', 'TOO_MANY');
  const properties = new Set<string>();
  const outForm = form.map((f, i) => {
    const property = textOf(`form.${i}.property`, f.property, 100);
    if (!/^[a-z_]+(\.[a-z_]+)*$/.test(property))
      throw AppError.validation(`form.${i}.property`, 'must be a dotted property name (contact.email)', 'INVALID_FORMAT');
    if (properties.has(property)) throw AppError.validation(`form.${i}.property`, `repeats ${property}`, 'DUPLICATE');
    properties.add(property);
    const priority = f.priority ?? i;
    if (!Number.isInteger(priority) || priority < 0 || priority > 1000)
      throw AppError.validation(`form.${i}.priority`, 'must be an integer from 0 to 1000', 'OUT_OF_RANGE');
    return { id: f.id, property, label: textOf(`form.${i}.label`, f.label, 200), priority };
  });
  return {
    name: textOf('name', cmd.name, 200),
    description: optionalText('description', cmd.description, 1000),
    type: oneOf('type', cmd.type, LANDING_PAGE_TYPES),
    state: oneOf('state', cmd.state ?? 'ACTIVE', LANDING_PAGE_STATES),
    link: urlOrNull('link', cmd.link),
    mobilePass: cmd.mobilePass ?? false,
    header: optionalText('header', cmd.header, 500),
    title: optionalText('title', cmd.title, 500),
    footer: optionalText('footer', cmd.footer, 500),
    button: optionalText('button', cmd.button, 100),
    success: optionalText('success', cmd.success, 500),
    fail: optionalText('fail', cmd.fail, 500),
    signInUrl: urlOrNull('sign_in_url', cmd.signInUrl),
    colors: outColors,
    form: outForm,
  };
}

const definitionOf = (s: LandingPageState): LandingPageDefinition => {
  const { id: _id, version: _v, removed: _r, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition;
};

/** Creates a landing page (pure). */
export function createLandingPage(state: LandingPageState | null, cmd: SetLandingPage): LandingPageChange[] {
  if (state) throw new AppError('CONFLICT', 'the landing page exists already', { reason: 'LANDING_PAGE_EXISTS' });
  return [{ type: 'landing_page.set', data: landingPageOf(cmd) }];
}

/** Replaces a landing page's whole definition; the same definition again is no event (pure). */
export function replaceLandingPage(state: LandingPageState | null, id: string, cmd: SetLandingPage): LandingPageChange[] {
  if (!state || state.removed) throw AppError.notFound('landing page', id);
  const data = landingPageOf(cmd);
  return sameJson(data, definitionOf(state)) ? [] : [{ type: 'landing_page.set', data }];
}

/** Removes a landing page (pure). */
export function removeLandingPage(state: LandingPageState | null, id: string): LandingPageChange[] {
  if (!state || state.removed) throw AppError.notFound('landing page', id);
  return [{ type: 'landing_page.removed', data: {} }];
}
