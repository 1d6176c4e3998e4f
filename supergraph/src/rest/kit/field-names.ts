/**
 * GraphQL input paths (camelCase, dotted, e.g. `phones.0.countryCode`) back to the REST field
 * names the caller actually sent (`phones.0.country_code`), per route family. Domain errors name
 * GraphQL fields; a REST client must be told about its own field names.
 */

/** `addressLine1` → `address_line_1`, `stateProvinceCounty` → `state_province_county`. */
export function camelToSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Za-z])([0-9]+)/g, '$1_$2')
    .toLowerCase();
}

/**
 * Which REST body or query the GraphQL field came from:
 * - `backoffice-contact`: POST/PUT /backoffice/v2/contacts bodies (contact_type, email_address, phones[].phone_type, addresses[].address_type)
 * - `selfservice-contact`: PUT /self-service/v2/contacts/{id} (type, email, a single `phone`)
 * - `address`: POST/PUT …/addresses bodies (GraphQL `address.*` / `input.*` are the body itself)
 * - `tags`: PUT /backoffice/v2/contacts/{id}/tags
 * - `list`: GET /backoffice/v2/contacts query parameters
 * - `auth`: the back-office user and self-service contact auth routes (body fields snake_cased;
 *   `organisationId` / `contactId` are the `{id}` of /organisations/switch/{id} and /contacts/{id}/…)
 */
export type FieldScope = 'backoffice-contact' | 'selfservice-contact' | 'address' | 'tags' | 'list' | 'auth';

/**
 * How a route names GraphQL fields to its caller: one of the scopes above, or (for a new
 * resource) its own function from a normalised GraphQL path (`input.lines.0.unitPrice`) to the
 * REST name (`lines.0.unit_price`), defined in the resource's folder, e.g. `snakeCaseFields`.
 */
export type FieldNames = FieldScope | ((gqlPath: string) => string | undefined);

/** The default for a new resource: drops an `input.` wrapper and snake-cases every segment. */
export function snakeCaseFields(gqlPath: string): string | undefined {
  const segments = gqlPath.split('.').filter((s) => s !== '');
  return snakeAll(segments[0] === 'input' ? segments.slice(1) : segments).join('.') || undefined;
}

const ADDRESS_RENAMES: Record<string, string> = { isBilling: 'is_billing_address' };
const COMPANY_RENAMES: Record<string, string> = { industryId: 'industry_id', subIndustryIds: 'sub_industries' };
const LIST_RENAMES: Record<string, string> = {
  'filter.search': 'search_value',
  'filter.email': 'email_address',
  'filter.type': 'contact_type',
  'filter.createdFrom': 'created_on[gte]',
  'filter.createdTo': 'created_on[lte]',
  first: 'size',
  offset: 'page',
  after: 'page',
  sort: 'sort',
  'sort.field': 'sort',
  'sort.direction': 'order',
  includeTotal: 'include_total',
};

const isIndex = (s: string) => /^[0-9]+$/.test(s);

function snakeAll(segments: string[]): string[] {
  return segments.map((s) => (isIndex(s) ? s : camelToSnake(s)));
}

/** Maps the segments of one address object (`type`, `isBilling`, `addressLine1`…). */
function addressSegments(segments: string[], typeName: string): string[] {
  const [head, ...rest] = segments;
  if (head === undefined) return [];
  const name = head === 'type' ? typeName : (ADDRESS_RENAMES[head] ?? camelToSnake(head));
  return [name, ...snakeAll(rest)];
}

function contactSegments(segments: string[], scope: 'backoffice-contact' | 'selfservice-contact'): string[] {
  const backOffice = scope === 'backoffice-contact';
  const [head, ...rest] = segments;
  if (head === undefined) return [];
  switch (head) {
    case 'type':
      return [backOffice ? 'contact_type' : 'type', ...snakeAll(rest)];
    case 'email':
      return [backOffice ? 'email_address' : 'email', ...snakeAll(rest)];
    case 'phones': {
      if (!backOffice) {
        // the self-service body has one `phone`; the facade sends it as phones[0] (plus kept phones)
        const [, field, ...more] = rest;
        return field === undefined ? ['phone'] : ['phone', camelToSnake(field), ...snakeAll(more)];
      }
      const [index, field, ...more] = rest;
      if (index === undefined) return ['phones'];
      if (field === undefined) return ['phones', index];
      return ['phones', index, field === 'type' ? 'phone_type' : camelToSnake(field), ...snakeAll(more)];
    }
    case 'addresses': {
      const [index, ...more] = rest;
      if (index === undefined) return ['addresses'];
      return ['addresses', index, ...addressSegments(more, 'address_type')];
    }
    case 'companyProfile': {
      const [field, ...more] = rest;
      if (field === undefined) return ['company_profile'];
      return ['company_profile', COMPANY_RENAMES[field] ?? camelToSnake(field), ...snakeAll(more)];
    }
    default:
      return snakeAll(segments);
  }
}

/** Directory inputs whose REST names differ from their GraphQL names (NOTES §3.2). */
const DIRECTORY_RENAMES: Record<string, string> = {
  roleIds: 'user_roles',
  teamIds: 'teams',
  expiresAt: 'expiration_date',
  oldKeyExpiresAt: 'old_key_expiration_date',
  env: 'mode',
};

/**
 * Translates a GraphQL field path to the REST name for `scope`. Wrapper segments such as
 * `input.` / `address.` are dropped, and `contactId`/`addressId` become the path parameters
 * `id`/`address_id`. Returns undefined for an absent path.
 */
export function restFieldName(path: string | null | undefined, scope: FieldNames): string | undefined {
  if (!path) return undefined;
  const normalised = path.replace(/\[(\d+)\]/g, '.$1');
  if (typeof scope === 'function') return scope(normalised);
  if (scope === 'list') {
    const hit = LIST_RENAMES[normalised];
    if (hit) return hit;
    return snakeAll(normalised.replace(/^filter\./, '').split('.')).join('.');
  }
  let segments = normalised.split('.').filter((s) => s !== '');
  const [head] = segments;
  if (scope === 'auth') {
    if (head === 'organisationId' || head === 'contactId') return 'id';
    if (head === 'refreshToken') return 'refresh_token';
    const inner = head === 'input' ? segments.slice(1) : segments;
    const renamed = inner[0] !== undefined ? DIRECTORY_RENAMES[inner[0]] : undefined;
    return snakeAll(renamed ? [renamed, ...inner.slice(1)] : inner).join('.') || undefined;
  }
  if (head === 'contactId' || head === 'id') return 'id';
  if (head === 'addressId') return 'address_id';
  if (head === 'input') segments = segments.slice(1);
  if (scope === 'address') {
    if (segments[0] === 'address') segments = segments.slice(1);
    return segments.length === 0 ? undefined : addressSegments(segments, 'type').join('.');
  }
  if (scope === 'tags') return snakeAll(segments).join('.');
  return contactSegments(segments, scope).join('.') || undefined;
}

/**
 * Rewrites a message that starts with the GraphQL field name (`phones.0.countryCode: must be…`,
 * as AppError.validation builds it) so it starts with the REST name instead.
 */
export function restMessage(message: string, gqlField: string | null | undefined, restField: string | undefined): string {
  if (!gqlField || !restField) return message;
  const prefix = `${gqlField}: `;
  return message.startsWith(prefix) ? `${restField}: ${message.slice(prefix.length)}` : message;
}
