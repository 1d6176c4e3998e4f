import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ERROR_CODES, type ErrorCode } from './app-error';
import { isTransientInfrastructureError, unavailableError } from './transient';

/** The extensions every error we emit carries. */
export interface ErrorExtensions {
  code: ErrorCode | string;
  reason?: string;
  field?: string;
  correlationId?: string;
}

export function toGraphQLError(err: AppError): GraphQLError {
  const extensions: ErrorExtensions = { code: err.code };
  if (err.reason) extensions.reason = err.reason;
  if (err.field) extensions.field = err.field;
  return new GraphQLError(err.message, { extensions: { ...extensions } });
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function flattenValidation(errors: ValidationErrorLike[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

const GRAPHQL_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo `formatError` for every server we run: AppErrors keep their code/reason/field,
 * class-validator input errors become VALIDATION naming the field, GraphQL request errors stay,
 * and anything else is masked to INTERNAL with the correlation id (details go to the log).
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  correlationId: string | undefined,
  onUnexpected?: (err: unknown) => void,
): GraphQLFormattedError {
  let original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  // a dropped database connection is the client's to retry, not an internal error
  if (!(original instanceof AppError) && isTransientInfrastructureError(original)) {
    onUnexpected?.(error);
    original = unavailableError();
  }
  if (original instanceof AppError) {
    const ext: ErrorExtensions = { code: original.code };
    if (original.reason) ext.reason = original.reason;
    if (original.field) ext.field = original.field;
    if (correlationId) ext.correlationId = correlationId;
    return { message: original.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { ...ext } };
  }
  // class-validator errors: on the error itself, or (type-graphql's ArgumentValidationError) in its extensions
  const carrier = original as
    | { validationErrors?: ValidationErrorLike[]; extensions?: { validationErrors?: ValidationErrorLike[] } }
    | null
    | undefined;
  const validationErrors = carrier?.validationErrors ?? carrier?.extensions?.validationErrors;
  if (Array.isArray(validationErrors)) {
    const flat = flattenValidation(validationErrors);
    const first = flat[0];
    return {
      message: flat.map((f) => `${f.field}: ${f.message}`).join('; ') || 'Invalid input',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code: 'VALIDATION',
        reason: 'INVALID_INPUT',
        ...(first ? { field: first.field } : {}),
        ...(correlationId ? { correlationId } : {}),
      },
    };
  }
  // Apollo's own request errors without a code (bad persisted-query hash or version…) carry a 4xx
  // status in extensions.http: they are the client's mistake, worded by Apollo, so keep the message
  const httpStatus = (error instanceof GraphQLError ? (error.extensions?.['http'] as { status?: unknown } | undefined)?.status : undefined) ?? 0;
  if (
    typeof httpStatus === 'number' &&
    httpStatus >= 400 &&
    httpStatus < 500 &&
    !(formatted.extensions?.code && formatted.extensions.code !== 'INTERNAL_SERVER_ERROR')
  ) {
    return { message: formatted.message, extensions: { code: 'BAD_REQUEST', ...(correlationId ? { correlationId } : {}) } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (GRAPHQL_CLIENT_CODES.has(code) || (ERROR_CODES as readonly string[]).includes(code))) {
    const { reason, field } = formatted.extensions ?? {};
    return {
      ...formatted,
      extensions: {
        code,
        ...(typeof reason === 'string' ? { reason } : {}),
        ...(typeof field === 'string' ? { field } : {}),
        ...(correlationId ? { correlationId } : {}),
      },
    };
  }
  onUnexpected?.(error);
  return {
    message: 'An unexpected error occurred',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL', ...(correlationId ? { correlationId } : {}) },
  };
}
