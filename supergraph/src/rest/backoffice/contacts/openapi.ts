import { CONTACT_TYPES } from '@crm/event-bus/contracts/contacts';
import { CASE_INSENSITIVE, query } from '../../kit/openapi';
import { LIST_QUERY_LIMITS, SORT_PARAMETER_VALUES } from './list-query';

type Json = Record<string, unknown>;

const L = LIST_QUERY_LIMITS;
const textFilter = (description: string) => ({ type: 'string', maxLength: L.maxFilterText, description });
const epochBound = { type: 'integer', minimum: 0, maximum: L.maxEpoch };

/** The query parameters of GET /backoffice/v2/contacts (besides the kit's Page, Size, IncludeTotal). */
export const listQueryParameters: Record<string, Json> = {
  Sort: query('sort', { type: 'string', enum: [...SORT_PARAMETER_VALUES], default: 'CREATED_DATE' }, `Sort attribute. ${CASE_INSENSITIVE}`),
  Order: query('order', { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' }, `Sort direction. ${CASE_INSENSITIVE}`),
  SearchValue: query('search_value', textFilter('Trimmed; empty means no filter.'), 'Free-text search (name, email, code…).'),
  EmailAddress: query(
    'email_address',
    textFilter('Trimmed; empty means no filter.'),
    'Exact email filter. Send at most one of email_address / email.',
  ),
  Email: query('email', textFilter('Trimmed; empty means no filter.'), 'Alternative spelling of email_address (send at most one).'),
  Phone: query('phone', textFilter('Spaces, dashes, dots, parentheses and + are ignored; the rest must be 1-15 digits.'), 'Phone number filter.'),
  Code: query('code', textFilter('Trimmed; empty means no filter.'), 'Contact code filter.'),
  Tags: {
    ...query(
      'tags',
      { type: 'array', maxItems: L.maxTags, items: { type: 'string', maxLength: L.maxFilterText } },
      'Comma-separated tags; contacts carrying the tags match. Blank entries are ignored.',
    ),
    style: 'form',
    explode: false,
  },
  ContactType: query('contact_type', { type: 'string', enum: [...CONTACT_TYPES] }, `Contact type filter. ${CASE_INSENSITIVE}`),
  CreatedOnGte: query('created_on[gte]', epochBound, 'Created at or after (epoch seconds). Not together with created_on[gt].'),
  CreatedOnGt: query('created_on[gt]', epochBound, 'Created after (epoch seconds). Not together with created_on[gte].'),
  CreatedOnLte: query(
    'created_on[lte]',
    epochBound,
    'Created at or before (epoch seconds; the whole second is included). Not together with created_on[lt].',
  ),
  CreatedOnLt: query('created_on[lt]', epochBound, 'Created before (epoch seconds). Not together with created_on[lte].'),
  IncludeCustomFields: query(
    'include_custom_fields',
    { type: 'boolean' },
    'Accepted for CRM.COM compatibility and ignored: custom fields are always included.',
  ),
};
export const LIST_CONTACTS_QUERY = [
  'Page',
  'Size',
  'IncludeTotal',
  'Sort',
  'Order',
  'SearchValue',
  'EmailAddress',
  'Email',
  'Phone',
  'Code',
  'Tags',
  'ContactType',
  'CreatedOnGte',
  'CreatedOnGt',
  'CreatedOnLte',
  'CreatedOnLt',
  'IncludeCustomFields',
];
