import { z } from 'zod';

/** Reusable env field parsers, so every service spells the same variable the same way. */
export const envBool = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? defaultValue : v === 'true' || v === '1' || v === 'yes'));

export const envInt = (defaultValue: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .optional()
    .transform((v) => (v === undefined ? defaultValue : Number(v)))
    .refine((v) => v >= min && v <= max, `must be between ${min} and ${max}`);

export const envPort = (defaultValue: number) => envInt(defaultValue, 0, 65535);

export const envUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .refine(
      (v) => {
        if (v === undefined || v === '') return true;
        try {
          return protocols.includes(new URL(v).protocol.replace(':', ''));
        } catch {
          return false;
        }
      },
      `must be a URL with scheme ${protocols.join(' or ')}`,
    )
    .transform((v) => (v === '' ? undefined : v));

export const envList = () =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined || v.trim() === ''
        ? []
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    );

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info');

/**
 * SHUTDOWN_DELAY_MS of every HTTP process: on SIGTERM, keep serving this long with /readyz already
 * 503 before closing, so load balancers (Kubernetes endpoints) stop routing here first.
 */
export const shutdownDelayMs = envInt(0, 0, 60_000);
/**
 * How long a read side's /readyz waits for its read models to reach the position the bus had when
 * it started (0: does not wait); after it the service turns ready and keeps reporting its lag.
 */
export const readyCatchUpTimeoutMs = envInt(60_000, 0, 3_600_000);

/** Prefix of physical Kafka topic and consumer group names (isolated test runs on a shared broker); unset in production. */
export const kafkaNamespace = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '1-64 letters, digits, _ or -')
  .optional();

/** Secret used by the gateway to sign, and by subgraphs to verify, the forwarded principal. */
export const internalAuthSecret = z.string({ message: 'is required (at least 32 characters)' }).min(32, 'must be at least 32 characters');

/**
 * Observability settings every HTTP process shares (README "Observability"):
 * OTEL_EXPORTER_OTLP_ENDPOINT: OTLP/HTTP collector base URL; spans are exported to `<url>/v1/traces`
 * when set (trace ids are generated and propagated either way).
 * METRICS_TOKEN: when set, GET /metrics needs `Authorization: Bearer <token>`.
 */
export const observabilityEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: envUrl(['http', 'https']),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
};
