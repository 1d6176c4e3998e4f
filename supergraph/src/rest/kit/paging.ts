import { AppError } from '@crm/platform/errors';
import { queryParams } from './request';

/** CRM.COM paging conventions (NOTES §1.5). */
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/** The read side refuses offsets past this. */
export const MAX_OFFSET = 1_000_000;

export interface Paging {
  page: number;
  size: number;
  includeTotal: boolean;
}

export const PAGING_PARAMS = ['page', 'size', 'include_total'] as const;

/** A whole-number query parameter in [min, max]; 400 naming it otherwise. */
export function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^[0-9]{1,15}$/.test(raw)) throw AppError.validation(name, 'must be a whole number', 'INVALID_NUMBER');
  const n = Number(raw);
  if (n < min || n > max) throw AppError.validation(name, `must be between ${min} and ${max}`, 'OUT_OF_RANGE');
  return n;
}

/** `true`/`false`, any case; 400 naming the parameter otherwise. */
export function boolean(name: string, raw: string): boolean {
  const v = raw.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw AppError.validation(name, 'must be true or false', 'INVALID_BOOLEAN');
}

/** page/size/include_total of a list endpoint (page 1-based, default 1; size default 10, max 100). */
export function parsePaging(params: Map<string, string>, defaultSize = DEFAULT_PAGE_SIZE): Paging {
  const pageRaw = params.get('page');
  const sizeRaw = params.get('size');
  const totalRaw = params.get('include_total');
  const page = pageRaw === undefined ? 1 : integer('page', pageRaw, 1, MAX_OFFSET);
  const size = sizeRaw === undefined ? defaultSize : integer('size', sizeRaw, 1, MAX_PAGE_SIZE);
  if ((page - 1) * size > MAX_OFFSET) throw AppError.validation('page', `page × size must stay below ${MAX_OFFSET}`, 'OUT_OF_RANGE');
  return { page, size, includeTotal: totalRaw === undefined ? false : boolean('include_total', totalRaw) };
}

/** Paging parameters only (e.g. the address list, which has no filters). */
export function parsePagingQuery(search: URLSearchParams, defaultSize = DEFAULT_PAGE_SIZE): Paging {
  return parsePaging(queryParams(search, PAGING_PARAMS), defaultSize);
}

/** The `paging` of a list answer: the page asked for, `total` when asked, and whether more follow. */
export function pagingOut(paging: Paging, total: number): { page: number; size: number; total?: number; has_more: boolean } {
  return { page: paging.page, size: paging.size, ...(paging.includeTotal ? { total } : {}), has_more: paging.page * paging.size < total };
}
