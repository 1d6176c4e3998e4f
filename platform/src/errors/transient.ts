import { AppError } from './app-error';

/** SQLSTATEs a client may retry: connection exceptions, shutdown, too many connections, serialization failure, deadlock. */
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53300|40001|40P01)$/;
const TRANSIENT_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTCONN']);
/** node-postgres reports a dropped connection with messages, not codes. */
const TRANSIENT_MESSAGE =
  /connection terminated|connection ended unexpectedly|timeout exceeded when trying to connect|client has encountered a connection error|cannot use a pool after calling end|not queryable/i;

/**
 * True when `err` (or what it wraps: TypeORM's driverError, a cause) says the database or network
 * dropped the request, not that the request was wrong: the client can retry it as-is. Safe because
 * a command's state and outbox commit in one transaction, so a dropped attempt changed nothing
 * (or, if the commit landed before the drop, a retry with the same idempotency key returns it).
 */
export function isTransientInfrastructureError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (TRANSIENT_SQLSTATE.test(e.code) || TRANSIENT_ERRNO.has(e.code))) return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isTransientInfrastructureError(x, depth + 1))) return true;
  return isTransientInfrastructureError(e.driverError, depth + 1) || isTransientInfrastructureError(e.cause, depth + 1);
}

/**
 * The retryable error a client sees instead (GraphQL UNAVAILABLE, REST 503); no driver text. The
 * reason does not say which part dropped the request (a database, a subgraph behind the gateway):
 * the client's move is the same, and the logs have the rest.
 */
export function unavailableError(): AppError {
  return new AppError('UNAVAILABLE', 'The service is briefly unavailable; retry the request', { reason: 'TEMPORARILY_UNAVAILABLE' });
}
