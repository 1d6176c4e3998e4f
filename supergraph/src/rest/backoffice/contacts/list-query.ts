import { AppError } from '@crm/platform/errors';
import { CONTACT_TYPES } from '@crm/event-bus/contracts/contacts';
import { queryParams } from '../../kit/request';
import { boolean, integer, MAX_OFFSET, PAGING_PARAMS, parsePaging, type Paging } from '../../kit/paging';

const MAX_FILTER_TEXT = 200;
const MAX_TAGS = 50;
/** 9999-12-31T23:59:59Z */
const MAX_EPOCH = 253_402_300_799;

const SORTS = { CREATED_DATE: 'CREATED_AT', UPDATED_DATE: 'UPDATED_AT', NAME: 'NAME', CODE: 'CODE' } as const;
type RestSort = keyof typeof SORTS;

/** The accepted `sort` values (for the OpenAPI document). */
export const SORT_PARAMETER_VALUES = Object.keys(SORTS) as readonly RestSort[];
/** The limits parseContactListQuery enforces (for the OpenAPI document). */
export const LIST_QUERY_LIMITS = { maxOffset: MAX_OFFSET, maxFilterText: MAX_FILTER_TEXT, maxTags: MAX_TAGS, maxEpoch: MAX_EPOCH } as const;

export interface ContactListQuery extends Paging {
  sort: { field: (typeof SORTS)[RestSort]; direction: 'ASC' | 'DESC' };
  filter: {
    search?: string;
    email?: string;
    phone?: string;
    code?: string;
    tags?: string[];
    type?: string;
    createdFrom?: string;
    createdTo?: string;
  };
}

const LIST_PARAMS = [
  ...PAGING_PARAMS,
  'sort',
  'order',
  'search_value',
  'email_address',
  'email',
  'phone',
  'code',
  'tags',
  'contact_type',
  'created_on[gte]',
  'created_on[gt]',
  'created_on[lte]',
  'created_on[lt]',
  // CRM.COM clients send this flag; custom fields are always included, so it is accepted and ignored
  'include_custom_fields',
] as const;

function oneOf<T extends string>(name: string, raw: string, values: readonly T[]): T {
  const v = raw.trim().toUpperCase();
  const hit = values.find((x) => x === v);
  if (!hit) throw AppError.validation(name, `must be one of ${values.join(', ')}`, 'INVALID_VALUE');
  return hit;
}

function text(name: string, raw: string): string | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  if (v.length > MAX_FILTER_TEXT) throw AppError.validation(name, `must be at most ${MAX_FILTER_TEXT} characters`, 'TOO_LONG');

  if (/[\u0000-\u001F\u007F]/.test(v)) throw AppError.validation(name, 'contains control characters', 'INVALID_VALUE');
  return v;
}

function epochSeconds(name: string, raw: string): number {
  return integer(name, raw.trim(), 0, MAX_EPOCH);
}

/**
 * GET /backoffice/v2/contacts query → the `contacts` query's arguments. Epoch-second bounds are
 * whole seconds: `created_on[lte]=X` includes everything created during second X.
 */
export function parseContactListQuery(search: URLSearchParams): ContactListQuery {
  const params = queryParams(search, LIST_PARAMS);
  const paging = parsePaging(params);
  const get = (name: string) => params.get(name);
  if (get('include_custom_fields') !== undefined) boolean('include_custom_fields', get('include_custom_fields')!);

  const sortRaw = get('sort');
  const orderRaw = get('order');
  const sort = {
    field: SORTS[sortRaw === undefined ? 'CREATED_DATE' : oneOf('sort', sortRaw, Object.keys(SORTS) as RestSort[])],
    direction: orderRaw === undefined ? ('DESC' as const) : oneOf('order', orderRaw, ['ASC', 'DESC'] as const),
  };

  const filter: ContactListQuery['filter'] = {};
  const search_ = get('search_value');
  if (search_ !== undefined) {
    const v = text('search_value', search_);
    if (v) filter.search = v;
  }
  if (get('email_address') !== undefined && get('email') !== undefined) {
    throw AppError.validation('email', 'duplicates email_address; send only one', 'DUPLICATE_PARAMETER');
  }
  const emailName = get('email_address') !== undefined ? 'email_address' : 'email';
  const emailRaw = get(emailName);
  if (emailRaw !== undefined) {
    const v = text(emailName, emailRaw);
    if (v) filter.email = v;
  }
  const phoneRaw = get('phone');
  if (phoneRaw !== undefined) {
    const v = text('phone', phoneRaw);
    if (v) {
      const digits = v.replace(/[\s().+-]/g, '');
      if (!/^[0-9]{1,15}$/.test(digits))
        throw AppError.validation('phone', 'must be digits (spaces, dashes, dots, parentheses and + are ignored)', 'INVALID_PHONE');
      filter.phone = digits;
    }
  }
  const codeRaw = get('code');
  if (codeRaw !== undefined) {
    const v = text('code', codeRaw);
    if (v) filter.code = v;
  }
  const tagsRaw = get('tags');
  if (tagsRaw !== undefined) {
    const tags = tagsRaw
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (tags.length > MAX_TAGS) throw AppError.validation('tags', `at most ${MAX_TAGS} tags`, 'TOO_MANY');
    tags.forEach((t) => text('tags', t));
    if (tags.length > 0) filter.tags = tags;
  }
  const typeRaw = get('contact_type');
  if (typeRaw !== undefined) filter.type = oneOf('contact_type', typeRaw, CONTACT_TYPES);

  const bound = (name: string) => (get(name) === undefined ? undefined : epochSeconds(name, get(name)!));
  const gte = bound('created_on[gte]');
  const gt = bound('created_on[gt]');
  const lte = bound('created_on[lte]');
  const lt = bound('created_on[lt]');
  if (gte !== undefined && gt !== undefined)
    throw AppError.validation('created_on[gt]', 'send either created_on[gt] or created_on[gte]', 'DUPLICATE_PARAMETER');
  if (lte !== undefined && lt !== undefined)
    throw AppError.validation('created_on[lt]', 'send either created_on[lt] or created_on[lte]', 'DUPLICATE_PARAMETER');
  const fromMs = gte !== undefined ? gte * 1000 : gt !== undefined ? (gt + 1) * 1000 : undefined;
  const toMs = lte !== undefined ? (lte + 1) * 1000 - 1 : lt !== undefined ? lt * 1000 - 1 : undefined;
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw AppError.validation(gte !== undefined ? 'created_on[gte]' : 'created_on[gt]', 'must not be after the upper bound', 'INVALID_RANGE');
  }
  if (fromMs !== undefined) filter.createdFrom = new Date(fromMs).toISOString();
  if (toMs !== undefined && toMs >= 0) filter.createdTo = new Date(toMs).toISOString();
  if (toMs !== undefined && toMs < 0) throw AppError.validation('created_on[lt]', 'must be after 0', 'OUT_OF_RANGE');

  return { ...paging, sort, filter };
}
