import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { AppError, ERROR_CODES, isAppError, isRetryable, type ErrorCode } from './app-error';
import { errorCodeOfStatus, httpStatusOf, toHttpError } from './to-http-error';
import { formatGraphQLError, toGraphQLError } from './to-graphql-error';

const SQL_TEXT = 'duplicate key value violates unique constraint "contacts_pkey" in INSERT INTO contacts (id) VALUES ($1)';

describe('AppError', () => {
  it('keeps code, reason, field, exception and cause', () => {
    const cause = new Error('root');
    const e = new AppError('CONFLICT', 'taken', { reason: 'IDEMPOTENCY_KEY_REUSED', field: 'code', exception: 'INVALIDLOGINEXCEPTION', cause });
    assert.equal(e.name, 'AppError');
    assert.equal(e.code, 'CONFLICT');
    assert.equal(e.reason, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(e.field, 'code');
    assert.equal(e.exception, 'INVALIDLOGINEXCEPTION');
    assert.equal(e.cause, cause);
    assert.ok(isAppError(e));
    assert.ok(!isAppError(new Error('x')));
  });

  it('has validation and notFound helpers', () => {
    const v = AppError.validation('phones.0.number', 'is too long');
    assert.deepEqual([v.code, v.field, v.reason, v.message], ['VALIDATION', 'phones.0.number', 'INVALID_VALUE', 'phones.0.number: is too long']);
    const n = AppError.notFound('contact', 'abc');
    assert.deepEqual([n.code, n.reason, n.message], ['NOT_FOUND', 'CONTACT_NOT_FOUND', 'contact abc was not found']);
  });

  it('only UNAVAILABLE and RATE_LIMITED are retryable', () => {
    assert.deepEqual(
      ERROR_CODES.filter((c) => isRetryable(c)),
      ['RATE_LIMITED', 'UNAVAILABLE'],
    );
  });
});

describe('toHttpError', () => {
  const expected: Record<ErrorCode, [number, string]> = {
    VALIDATION: [400, 'INVALIDVALUEEXCEPTION'],
    NOT_FOUND: [404, 'NOTFOUNDEXCEPTION'],
    CONFLICT: [409, 'CONFLICTEXCEPTION'],
    UNAUTHENTICATED: [401, 'UNAUTHORIZEDEXCEPTION'],
    FORBIDDEN: [403, 'FORBIDDENEXCEPTION'],
    RATE_LIMITED: [429, 'TOOMANYREQUESTSEXCEPTION'],
    PAYLOAD_TOO_LARGE: [413, 'PAYLOADTOOLARGEEXCEPTION'],
    UNSUPPORTED_MEDIA_TYPE: [415, 'UNSUPPORTEDMEDIATYPEEXCEPTION'],
    METHOD_NOT_ALLOWED: [405, 'METHODNOTALLOWEDEXCEPTION'],
    UNAVAILABLE: [503, 'SERVICEUNAVAILABLEEXCEPTION'],
    INTERNAL: [500, 'INTERNALSERVEREXCEPTION'],
  };

  it('maps every error code to its status and exception', () => {
    for (const code of ERROR_CODES) {
      const [status, exception] = expected[code];
      const { status: s, body } = toHttpError(new AppError(code, 'msg'));
      assert.equal(s, status, code);
      assert.equal(httpStatusOf(code), status);
      assert.equal(body.error, `CRM.EXCEPTIONS.${exception}`);
      assert.equal(errorCodeOfStatus(status), code);
    }
    assert.equal(errorCodeOfStatus(502), 'INTERNAL');
    assert.equal(errorCodeOfStatus(418), 'VALIDATION');
  });

  it('keeps the message and field of an AppError and adds the correlation id', () => {
    const { status, body } = toHttpError(AppError.validation('email', 'is not an email address'), 'corr-1');
    assert.equal(status, 400);
    assert.deepEqual(body, {
      error: 'CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION',
      message: 'email: is not an email address',
      field: 'email',
      correlation_id: 'corr-1',
    });
  });

  it('honours an exception override', () => {
    const { status, body } = toHttpError(new AppError('UNAUTHENTICATED', 'gone', { exception: 'INVALIDLOGINEXCEPTION' }));
    assert.equal(status, 401);
    assert.deepEqual(body, { error: 'CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION', message: 'gone' });
  });

  it('masks unknown errors (and INTERNAL AppErrors) as INTERNAL without details', () => {
    const unknowns: unknown[] = [
      new Error(SQL_TEXT),
      new TypeError(SQL_TEXT),
      SQL_TEXT,
      { stack: SQL_TEXT },
      null,
      undefined,
      new AppError('INTERNAL', SQL_TEXT),
    ];
    for (const err of unknowns) {
      const { status, body } = toHttpError(err, 'corr-9');
      assert.equal(status, 500);
      assert.deepEqual(body, { error: 'CRM.EXCEPTIONS.INTERNALSERVEREXCEPTION', message: 'An unexpected error occurred', correlation_id: 'corr-9' });
      const text = JSON.stringify(body);
      assert.ok(!text.includes('INSERT') && !text.includes('contacts_pkey') && !text.includes('at '), text);
    }
  });
});

describe('toGraphQLError', () => {
  it('carries code, reason and field as extensions', () => {
    const g = toGraphQLError(new AppError('CONFLICT', 'taken', { reason: 'IDEMPOTENCY_KEY_REUSED', field: 'code' }));
    assert.ok(g instanceof GraphQLError);
    assert.equal(g.message, 'taken');
    assert.deepEqual(g.extensions, { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', field: 'code' });
  });
});

describe('formatGraphQLError', () => {
  /** What Apollo hands to formatError for an error thrown in a resolver. */
  function fromResolver(err: Error, path: (string | number)[] = ['contact']): [ReturnType<GraphQLError['toJSON']>, GraphQLError] {
    const wrapped = new GraphQLError(err.message, { originalError: err, path });
    const formatted = wrapped.toJSON();
    return [
      {
        ...formatted,
        extensions: {
          ...formatted.extensions,
          code: formatted.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR',
          stacktrace: (err.stack ?? '').split('\n'),
        },
      },
      wrapped,
    ];
  }

  it('keeps an AppError code, reason, field and path and adds the correlation id', () => {
    const [formatted, error] = fromResolver(new AppError('NOT_FOUND', 'contact c1 was not found', { reason: 'CONTACT_NOT_FOUND', field: 'id' }), [
      'contact',
      0,
    ]);
    const out = formatGraphQLError(formatted, error, 'corr-1');
    assert.deepEqual(out, {
      message: 'contact c1 was not found',
      path: ['contact', 0],
      extensions: { code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND', field: 'id', correlationId: 'corr-1' },
    });
  });

  it('accepts a bare AppError too', () => {
    const err = new AppError('FORBIDDEN', 'no');
    const out = formatGraphQLError({ message: 'no' }, err, undefined);
    assert.deepEqual(out, { message: 'no', extensions: { code: 'FORBIDDEN' } });
  });

  it('masks unexpected errors as INTERNAL with the correlation id, without stack or SQL text', () => {
    const seen: unknown[] = [];
    const [formatted, error] = fromResolver(new Error(SQL_TEXT));
    const out = formatGraphQLError(formatted, error, 'corr-2', (e) => seen.push(e));
    assert.deepEqual(out, { message: 'An unexpected error occurred', path: ['contact'], extensions: { code: 'INTERNAL', correlationId: 'corr-2' } });
    assert.equal(seen.length, 1, 'the unexpected error is reported for logging');
    const text = JSON.stringify(out);
    assert.ok(!text.includes('INSERT') && !text.includes('stacktrace') && !text.includes('contacts_pkey'), text);
  });

  it('masks a non-error value', () => {
    const out = formatGraphQLError({ message: SQL_TEXT, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, SQL_TEXT, undefined);
    assert.deepEqual(out, { message: 'An unexpected error occurred', extensions: { code: 'INTERNAL' } });
  });

  it('turns class-validator-like validationErrors into VALIDATION naming the (nested) field', () => {
    const err = Object.assign(new Error('Argument Validation Error'), {
      validationErrors: [
        {
          property: 'input',
          children: [
            { property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] },
            {
              property: 'phones',
              children: [{ property: '0', children: [{ property: 'number', constraints: { maxLength: 'number is too long' } }] }],
            },
          ],
        },
      ],
    });
    const [formatted, error] = fromResolver(err, ['createContact']);
    const out = formatGraphQLError(formatted, error, 'corr-3');
    assert.equal(out.extensions?.['code'], 'VALIDATION');
    assert.equal(out.extensions?.['reason'], 'INVALID_INPUT');
    assert.equal(out.extensions?.['field'], 'input.email');
    assert.equal(out.extensions?.['correlationId'], 'corr-3');
    assert.equal(out.message, 'input.email: email must be an email; input.phones.0.number: number is too long');
    assert.deepEqual(out.path, ['createContact']);
    assert.ok(!JSON.stringify(out).includes('stacktrace'));
  });

  it("turns type-graphql's ArgumentValidationError (errors in extensions) into VALIDATION naming the field", () => {
    const validationErrors = [
      { property: 'code', constraints: { maxLength: 'code must be shorter than or equal to 64 characters' }, children: [] },
    ] as unknown as ValidationError[];
    const [formatted, error] = fromResolver(new ArgumentValidationError(validationErrors), ['createContact']);
    const out = formatGraphQLError(formatted, error, 'corr-4');
    assert.deepEqual(out, {
      message: 'code: code must be shorter than or equal to 64 characters',
      path: ['createContact'],
      extensions: { code: 'VALIDATION', reason: 'INVALID_INPUT', field: 'code', correlationId: 'corr-4' },
    });
  });

  it('keeps GraphQL request errors and platform codes but strips other extensions', () => {
    const formatted = {
      message: 'Cannot query field "nope" on type "Query".',
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['GraphQLError: ...'], internal: 'x' },
    };
    const out = formatGraphQLError(formatted, new GraphQLError(formatted.message), 'corr-5');
    assert.deepEqual(out, {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', correlationId: 'corr-5' },
    });

    const forwarded = {
      message: 'contact x was not found',
      extensions: { code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND', field: 'id', serviceName: 'contacts-read' },
    };
    assert.deepEqual(formatGraphQLError(forwarded, new GraphQLError(forwarded.message), undefined), {
      message: forwarded.message,
      extensions: { code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND', field: 'id' },
    });
  });

  it("keeps Apollo's uncoded 4xx request errors (e.g. a bad persisted-query hash) as BAD_REQUEST instead of masking them", () => {
    const error = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400, headers: new Map() } } });
    const out = formatGraphQLError({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error, 'corr-6', () =>
      assert.fail('not unexpected'),
    );
    assert.deepEqual(out, { message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST', correlationId: 'corr-6' } });
    const server = new GraphQLError(SQL_TEXT, { extensions: { http: { status: 500 } } });
    assert.equal(
      formatGraphQLError({ message: SQL_TEXT, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, server, undefined).message,
      'An unexpected error occurred',
      'a 5xx stays masked',
    );
  });
});
