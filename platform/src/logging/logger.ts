import pino, { type DestinationStream, type Logger } from 'pino';
import { currentTraceId } from '../observability/tracing';
import { currentRequestContext } from './context';

export type { Logger };

const SERVICE = Symbol.for('crm.logger.service');
const OURS = Symbol.for('crm.logger');
type WithService = Logger & { [SERVICE]?: string; [OURS]?: true };

export interface LoggerOptions {
  /** Where lines go (default stdout); CLIs pass `pino.destination(2)` to keep stdout for their output, tests a capture stream. */
  destination?: DestinationStream;
  /** Lines to stderr (CLIs: stdout is their output). */
  stderr?: boolean;
}

/**
 * THE logger factory of every process and CLI: JSON lines with an ISO time, `level`, exactly one
 * `service` key, and, inside a request or an event handler, `requestId`, `correlationId` and
 * `traceId`. No pid/hostname (the orchestrator adds where a line came from).
 *
 * The service is not a pino binding: pino writes a child's bindings after its parent's without
 * merging them, so `child({ service })` under a logger that already had one printed the key twice.
 * It is added by the mixin from the logger instance instead; `withService` names it for a child.
 */
export function createLogger(service: string | undefined, level = 'info', options: LoggerOptions = {}): Logger {
  const opts: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        '*.password',
        '*.authorization',
        '*.api_key',
        '*.secret',
        '*.clientSecret',
        '*.appSecret',
        'req.headers.authorization',
        'req.headers.api_key',
      ],
      censor: '***',
    },
    mixin(_obj, _level, instance) {
      const out: Record<string, string> = {};
      const svc = (instance as WithService)[SERVICE];
      if (svc) out['service'] = svc;
      const ctx = currentRequestContext();
      if (ctx) {
        out['requestId'] = ctx.requestId;
        out['correlationId'] = ctx.correlationId;
      }
      const traceId = currentTraceId();
      if (traceId) out['traceId'] = traceId;
      return out;
    },
  };
  const destination = options.destination ?? (options.stderr ? pino.destination(2) : undefined);
  const logger = (destination ? pino(opts, destination) : pino(opts)) as WithService;
  logger[OURS] = true;
  if (service) logger[SERVICE] = service;
  return logger;
}

/**
 * A child logger whose lines say `service: <name>` (replacing the parent's service, never adding
 * a second key). Loggers not made by createLogger (a test's bare pino) get a plain binding.
 */
export function withService(logger: Logger, service: string): Logger {
  if (!(logger as WithService)[OURS]) return logger.child({ service });
  const child = logger.child({}) as WithService;
  child[SERVICE] = service;
  return child;
}
