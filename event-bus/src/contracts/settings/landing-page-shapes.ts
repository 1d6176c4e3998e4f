import { z } from 'zod';

/** What a landing page is for (the contract's enum). */
export const LANDING_PAGE_TYPES = ['REGISTER', 'PURCHASE_PASS'] as const;
export const LANDING_PAGE_STATES = ['ACTIVE', 'INACTIVE'] as const;
/** The parts of a landing page a colour applies to (the contract's enum). */
export const LANDING_PAGE_COLOR_TYPES = ['BACKGROUND', 'HEADER', 'BUTTON', 'TEXT', 'FOOTER', 'HEADER_TEXT', 'FOOTER_TEXT', 'BUTTON_TEXT'] as const;

const text = (max: number) => z.string().max(max).nullable();

/** A landing page's whole definition, as every landing_page.set event carries it. */
export const landingPageDefinition = z.object({
  name: z.string().min(1).max(200),
  description: text(1000),
  type: z.enum(LANDING_PAGE_TYPES),
  state: z.enum(LANDING_PAGE_STATES),
  link: z.string().max(2000).nullable(),
  mobilePass: z.boolean(),
  header: text(500),
  title: text(500),
  footer: text(500),
  button: text(100),
  success: text(500),
  fail: text(500),
  signInUrl: z.string().max(2000).nullable(),
  colors: z.array(z.object({ type: z.enum(LANDING_PAGE_COLOR_TYPES), value: z.string().regex(/^[0-9A-F]{6}$/) })).max(8),
  form: z
    .array(
      z.object({
        id: z.uuid(),
        property: z.string().min(1).max(100),
        label: z.string().min(1).max(200),
        priority: z.number().int().min(0).max(1000),
      }),
    )
    .max(50),
});
export type LandingPageDefinition = z.infer<typeof landingPageDefinition>;
