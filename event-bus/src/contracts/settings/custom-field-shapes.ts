import { z } from 'zod';

/** Entities that take custom fields (CRM.COM `entity`). */
export const CUSTOM_FIELD_ENTITIES = [
  'CONTACTS',
  'ORDERS',
  'ORGANISATIONS',
  'SERVICE_REQUESTS',
  'DEVICES',
  'PAYMENTS',
  'REFUNDS',
  'TOP_UPS',
  'TRANSFERS',
  'ACTIVITIES',
  'LEADS',
  'PASSES',
  'PRODUCTS',
  'CREDIT_NOTES',
  'ACCOUNT_JOURNAL_ENTRIES',
  'WALLET_JOURNAL_ENTRIES',
  'ACCOUNTS',
] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

/** Field types (CRM.COM `field`); each decides which string values a record may carry. */
export const CUSTOM_FIELD_TYPES = [
  'SINGLE_LINE',
  'MULTIPLE_LINES',
  'SELECTION',
  'CHECKBOX',
  'RADIO_BUTTONS',
  'TIMESTAMP',
  'DATE',
  'NUMBER',
  'AMOUNT',
  'CONTENT',
  'NUMBERING_SCHEME',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** A custom field definition as every settings event carries it (consumers keep the whole of it). */
export const customFieldDefinition = z.object({
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/),
  label: z.string().min(1).max(100),
  field: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string().min(1).max(100)).max(100),
  mandatory: z.boolean(),
  tooltip: z.string().max(500).nullable(),
  visible: z.boolean(),
});
export type CustomFieldDefinition = z.infer<typeof customFieldDefinition>;
