import { z } from 'zod';
import { LANDING_PAGE_COLOR_TYPES, LANDING_PAGE_STATES, LANDING_PAGE_TYPES } from '@crm/event-bus/contracts/settings';
import { op } from '../../kit/operation';

/** The landing page operations and shapes the Back-Office and Self-Service resources share. */
const FIELDS =
  'id name description type state link mobilePass header title footer button success fail signInUrl colors { type value } form { id property label priority } createdAt updatedAt';

export const LANDING_PAGE_BY_ID = op('query', 'RestLandingPage', `query RestLandingPage($id: ID!) { landingPage(id: $id) { ${FIELDS} } }`);
export const PUBLIC_LANDING_PAGE = op(
  'query',
  'RestPublicLandingPage',
  `query RestPublicLandingPage($id: ID!) { publicLandingPage(id: $id) { ${FIELDS} } }`,
);
export const LANDING_PAGE_LIST = op(
  'query',
  'RestLandingPages',
  `query RestLandingPages($offset: Int!, $limit: Int!) { landingPages(offset: $offset, limit: $limit) { ${FIELDS} } }`,
);

export interface GqlLandingPage {
  id: string;
  name: string;
  description: string | null;
  type: string;
  state: string;
  link: string | null;
  mobilePass: boolean;
  header: string | null;
  title: string | null;
  footer: string | null;
  button: string | null;
  success: string | null;
  fail: string | null;
  signInUrl: string | null;
  colors: { type: string; value: string }[];
  form: { id: string; property: string; label: string; priority: number }[];
  createdAt: string;
  updatedAt: string;
}

/** A landing page in the contract's shape (absent texts are left out, never null). */
export const landingPageResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  type: z.enum(LANDING_PAGE_TYPES),
  link: z.string().optional(),
  mobile_pass: z.boolean(),
  state: z.enum(LANDING_PAGE_STATES),
  header: z.string().optional(),
  title: z.string().optional(),
  footer: z.string().optional(),
  button: z.string().optional(),
  success: z.string().optional(),
  fail: z.string().optional(),
  sign_in_url: z.string().optional(),
  colors: z.array(z.strictObject({ type: z.enum(LANDING_PAGE_COLOR_TYPES), value: z.string() })),
  form: z.array(z.strictObject({ id: z.string(), property: z.string(), label: z.string(), priority: z.int() })),
});

const opt = <K extends string>(key: K, v: string | null): Partial<Record<K, string>> => (v === null ? {} : ({ [key]: v } as Record<K, string>));

export function landingPageOut(p: GqlLandingPage): z.infer<typeof landingPageResponse> {
  return {
    id: p.id,
    name: p.name,
    ...opt('description', p.description),
    type: p.type as (typeof LANDING_PAGE_TYPES)[number],
    ...opt('link', p.link),
    mobile_pass: p.mobilePass,
    state: p.state as (typeof LANDING_PAGE_STATES)[number],
    ...opt('header', p.header),
    ...opt('title', p.title),
    ...opt('footer', p.footer),
    ...opt('button', p.button),
    ...opt('success', p.success),
    ...opt('fail', p.fail),
    ...opt('sign_in_url', p.signInUrl),
    colors: p.colors.map((c) => ({ type: c.type as (typeof LANDING_PAGE_COLOR_TYPES)[number], value: c.value })),
    form: p.form.map((f) => ({ id: f.id, property: f.property, label: f.label, priority: f.priority })),
  };
}
