import { z } from 'zod';

/** The reference lists the settings domain keeps (what self-service apps read to fill pickers and filters). */
export const REFERENCE_KINDS = ['TAG', 'LANGUAGE', 'NAME_DAY_RULE', 'INDUSTRY', 'SUB_INDUSTRY', 'BUSINESS_ACTIVITY'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Entities a tag may be put on (CRM.COM `GET /tags?entity=`). */
export const TAG_ENTITIES = [
  'ORGANISATIONS',
  'CONTACTS',
  'SERVICE_REQUESTS',
  'LEADS',
  'ACTIVITIES',
  'PRODUCTS',
  'REWARD_OFFERS',
  'PROMOTIONS',
] as const;
export const TAG_STATES = ['ACTIVE', 'INACTIVE'] as const;

const name = z.string().min(1).max(100);
/** The entry's identity within its kind (unique per tenant among live entries), derived by the decider. */
const key = z.string().min(1).max(220);

/** One entry of a reference list, as every reference_entry event carries it (whole), by kind. */
export const referenceEntryDefinition = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('TAG'),
    key,
    entity: z.enum(TAG_ENTITIES),
    name,
    description: z.string().max(500).nullable(),
    colour: z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/)
      .nullable(),
    state: z.enum(TAG_STATES),
  }),
  z.object({ kind: z.literal('LANGUAGE'), key, languageCode: z.string().regex(/^[A-Z]{2,3}$/) }),
  z.object({
    kind: z.literal('NAME_DAY_RULE'),
    key,
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    names: z.array(name).min(1).max(50),
    description: z.string().max(500).nullable(),
  }),
  z.object({ kind: z.literal('INDUSTRY'), key, name }),
  z.object({ kind: z.literal('SUB_INDUSTRY'), key, name, industryName: name.nullable() }),
  z.object({ kind: z.literal('BUSINESS_ACTIVITY'), key, name }),
]);
export type ReferenceEntryDefinition = z.infer<typeof referenceEntryDefinition>;
