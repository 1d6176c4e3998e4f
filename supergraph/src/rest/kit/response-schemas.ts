import { z } from 'zod';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { MAX_PAGE_SIZE } from './paging';

/** Response shapes every resource shares (zod; the source of the OpenAPI response schemas). */

export const epoch = z.int().min(0).describe('Epoch seconds');
export const countryCodeResponse = z.enum(COUNTRY_CODES).describe('ISO 3166-1 alpha-3 country code');

/** `paging` of every list response. `total` is sent only with include_total=true (capped at 10,000 for contacts). */
export const pagingResponse = z.strictObject({
  page: z.int().min(1),
  size: z.int().min(1).max(MAX_PAGE_SIZE),
  total: z.int().min(0).optional().describe('Only with include_total=true'),
  has_more: z.boolean(),
});

/** Creates and updates answer with the id of the resource. */
export const idResponse = z.strictObject({ id: z.string() });

/** Every failure (platform toHttpError). */
export const errorResponse = z.strictObject({
  error: z
    .string()
    .regex(/^CRM\.EXCEPTIONS\.[A-Z]+$/)
    .describe('Exception code, e.g. CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION, CRM.EXCEPTIONS.NOTFOUNDEXCEPTION'),
  message: z.string().describe('Human-readable; for validation errors it starts with the field name'),
  field: z.string().optional().describe('The offending REST field or parameter, dotted (e.g. phones.0.country_code)'),
  correlation_id: z.string().optional().describe('Echoes the x-correlation-id of the request (assigned when the caller sent none)'),
});
