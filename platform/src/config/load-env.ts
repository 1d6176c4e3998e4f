import { z } from 'zod';

/** Thrown (in tests) or printed-and-exit (in services) when configuration is invalid. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration for ${service}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export type EnvSource = Record<string, string | undefined>;

/**
 * Parses `source` (normally `process.env`, passed in by the service's own env.ts) against a zod
 * object schema. Every problem is collected; nothing is reported one at a time.
 */
export function parseEnv<S extends z.ZodType>(service: string, schema: S, source: EnvSource): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return Object.freeze(result.data) as z.infer<S>;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(root)';
    const got = issue.path.length > 0 ? source[String(issue.path[0])] : undefined;
    return `${key}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(redact(key, got))})`}`;
  });
  throw new ConfigError(service, problems);
}

/** For service entry points: print every problem and exit non-zero. */
export function loadEnvOrExit<S extends z.ZodType>(service: string, schema: S, source: EnvSource): z.infer<S> {
  try {
    return parseEnv(service, schema, source);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

function redact(key: string, value: string): string {
  if (/SECRET|PASSWORD|KEY|TOKEN/i.test(key)) return '***';
  // credentials embedded in a URL (e.g. postgres://user:password@host/db) are secrets too
  try {
    const url = new URL(value);
    if (url.password) {
      url.password = '***';
      return url.toString();
    }
  } catch {
    // not a URL
  }
  return value;
}
