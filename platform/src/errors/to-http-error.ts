import { isTransientInfrastructureError, unavailableError } from './transient';
import { AppError } from './app-error';
import { HTTP_ERRORS, type ErrorCode } from './codes';

const HTTP: Record<ErrorCode, { status: number; exception: string }> = HTTP_ERRORS;

/** REST error body of the CRM.COM contracts: `{error, message}` plus our `field`/`correlation_id`. */
export interface HttpErrorBody {
  error: string;
  message: string;
  field?: string;
  correlation_id?: string;
}

export function httpStatusOf(code: ErrorCode): number {
  return HTTP[code].status;
}

export function errorCodeOfStatus(status: number): ErrorCode {
  const hit = (Object.keys(HTTP) as ErrorCode[]).find((c) => HTTP[c].status === status);
  return hit ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION');
}

/** Maps any thrown value to a status and a safe body. Unknown errors are masked. */
export function toHttpError(err: unknown, correlationId?: string): { status: number; body: HttpErrorBody } {
  const appError: AppError =
    err instanceof AppError
      ? err
      : isTransientInfrastructureError(err)
        ? unavailableError()
        : new AppError('INTERNAL', 'An unexpected error occurred');
  const { status, exception } = HTTP[appError.code];
  const body: HttpErrorBody = {
    error: `CRM.EXCEPTIONS.${appError.exception ?? exception}`,
    message: appError.code === 'INTERNAL' ? 'An unexpected error occurred' : appError.message,
  };
  if (appError.field) body.field = appError.field;
  if (correlationId) body.correlation_id = correlationId;
  return { status, body };
}
