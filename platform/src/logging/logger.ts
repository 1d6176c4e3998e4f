import pino, { type Logger } from 'pino';
import { currentRequestContext } from './context';

export type { Logger };

export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['*.password', '*.authorization', '*.api_key', '*.secret', '*.clientSecret', '*.appSecret', 'req.headers.authorization', 'req.headers.api_key'],
      censor: '***',
    },
    mixin() {
      const ctx = currentRequestContext();
      return ctx ? { requestId: ctx.requestId, correlationId: ctx.correlationId } : {};
    },
  });
}
