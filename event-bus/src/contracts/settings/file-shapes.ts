import { z } from 'zod';

/** What a file is attached to (CRM.COM `fileEntityType`). */
export const FILE_ENTITY_TYPES = [
  'CONTACTS',
  'ORDERS',
  'LEADS',
  'SERVICE_REQUESTS',
  'IMPORTS',
  'IMPORTS_ERROR',
  'ACCOUNT_STATEMENTS',
  'INSIGHTS',
  'REPORTS',
  'SEGMENT_CONTACTS',
  'PASSES',
  'OTHER',
] as const;
export type FileEntityType = (typeof FILE_ENTITY_TYPES)[number];

/** Who uploaded a file: a contact (self-service), a user or a key; a contact sees only its own files. */
export const FILE_OWNER_KINDS = ['contact', 'user', 'service'] as const;
export const fileOwner = z.object({ kind: z.enum(FILE_OWNER_KINDS), id: z.string().max(128).nullable() });
export type FileOwner = z.infer<typeof fileOwner>;
