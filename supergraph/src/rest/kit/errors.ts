import { AppError, ERROR_CODES, errorCodeOfStatus, type ErrorCode, type ReasonOf, type NotFoundSubject } from '@crm/platform/errors';
import type { GraphQLErrorShape } from './gateway-client';
import type { GqlUserError } from './operation';
import { exceptionOfReason } from './catalogues';
import { restFieldName, restMessage, type FieldNames } from './field-names';

/** GraphQL `extensions.code` → platform error category (and so the HTTP status via toHttpError): every category as itself, plus GraphQL's own request codes. */
const TOP_LEVEL_CODES: Record<string, ErrorCode> = {
  ...(Object.fromEntries(ERROR_CODES.map((c) => [c, c])) as Record<ErrorCode, ErrorCode>),
  BAD_USER_INPUT: 'VALIDATION',
  GRAPHQL_VALIDATION_FAILED: 'VALIDATION',
  GRAPHQL_PARSE_FAILED: 'VALIDATION',
  BAD_REQUEST: 'VALIDATION',
};

const USER_ERROR_CODES = new Set<ErrorCode>(['VALIDATION', 'NOT_FOUND', 'CONFLICT']);

/** Codes that mean our own GraphQL document or variables were rejected by GraphQL itself. */
const GRAPHQL_REQUEST_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

/** `Variable "$input" got invalid value … at "input.phones[0].type"; …` → `input.phones[0].type`. */
function variablePathOf(message: string): string | undefined {
  const at = /\bat "([^"]{1,200})"/.exec(message);
  if (at) return at[1];
  const variable = /Variable "\$([A-Za-z0-9_]{1,50})"/.exec(message);
  return variable?.[1];
}

/**
 * A top-level GraphQL error as an AppError: the category from `extensions.code` (or the HTTP
 * status), the field translated to its REST name. Unknown codes become INTERNAL, which
 * toHttpError masks.
 */
export function fromGraphQLError(err: GraphQLErrorShape | undefined, scope: FieldNames, httpStatus = 200): AppError {
  const rawCode = err?.extensions?.code;
  const code: ErrorCode =
    typeof rawCode === 'string'
      ? ((Object.hasOwn(TOP_LEVEL_CODES, rawCode) ? TOP_LEVEL_CODES[rawCode] : undefined) ?? 'INTERNAL')
      : httpStatus >= 400
        ? errorCodeOfStatus(httpStatus)
        : 'INTERNAL';
  if (code === 'INTERNAL' || !err) return new AppError('INTERNAL', 'An unexpected error occurred');
  const reason = typeof err.extensions?.reason === 'string' ? err.extensions.reason : undefined;
  if (typeof rawCode === 'string' && GRAPHQL_REQUEST_CODES.has(rawCode)) {
    // GraphQL's own messages speak of variables and camelCase types; say it in REST terms
    const field = restFieldName(variablePathOf(err.message), scope);
    return new AppError('VALIDATION', field ? `${field}: has an invalid value` : 'The request is invalid', {
      reason: 'INVALID_VALUE',
      ...(field ? { field } : {}),
    });
  }
  const gqlField = typeof err.extensions?.field === 'string' ? err.extensions.field : undefined;
  const field = restFieldName(gqlField, scope);
  // a reason CRM.COM clients know under its own exception name (a failed sign-in is INVALIDLOGINEXCEPTION)
  const exception = reason ? exceptionOfReason(reason, code) : undefined;
  return AppError.relayed(code, restMessage(err.message, gqlField, field), {
    ...(reason ? { reason } : {}),
    ...(field ? { field } : {}),
    ...(exception ? { exception } : {}),
  });
}

/** A mutation payload's UserError (VALIDATION | NOT_FOUND | CONFLICT) as an AppError with REST field names. */
export function fromUserError(e: GqlUserError, scope: FieldNames): AppError {
  const code: ErrorCode = USER_ERROR_CODES.has(e.code as ErrorCode) ? (e.code as ErrorCode) : 'VALIDATION';
  const field = restFieldName(e.field, scope);
  // as for top-level errors: a reason CRM.COM clients know by its own exception (insufficient wallet funds)
  const exception = e.reason ? exceptionOfReason(e.reason, code) : undefined;
  return AppError.relayed(code, restMessage(e.message, e.field, field), {
    ...(e.reason ? { reason: e.reason } : {}),
    ...(field ? { field } : {}),
    ...(exception ? { exception } : {}),
  });
}

/** A 404 for a record of the tenant (`user`, `team`, `api key`…): reason `USER_NOT_FOUND`, `API_KEY_NOT_FOUND`… */
export function recordNotFound(what: NotFoundSubject, id: string): AppError {
  return new AppError('NOT_FOUND', `${what} ${id} was not found`, {
    // `what` is the subject of a catalogued <SUBJECT>_NOT_FOUND reason
    reason: `${what.toUpperCase().replace(/ /g, '_')}_NOT_FOUND` as ReasonOf<'NOT_FOUND'>,
    exception: 'NOTFOUNDEXCEPTION',
  });
}

/** AppError.validation with the REST field; the message starts with the field name. */
export function invalid(field: string, message: string, reason: ReasonOf<'VALIDATION'> = 'INVALID_VALUE'): AppError {
  return AppError.validation(field, message, reason);
}
