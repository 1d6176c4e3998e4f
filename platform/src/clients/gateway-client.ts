import { ServiceCredentialSigner, SERVICE_CREDENTIAL_HEADER } from '../auth/service-credential';
import type { Permission } from '../auth/permissions';
import { currentRequestContext } from '../logging';
import { traceHeaders } from '../observability';

/**
 * One synchronous call from a service to another domain, through the gateway (DESIGN.md §10):
 * a GraphQL operation run for `tenantId` by a `service` principal holding `permissions` (ask for
 * the least the call needs). Value-moving calls pass an idempotency key derived from the caller's
 * own aggregate, so a retry after a timeout never has a second effect.
 */
export interface GatewayCall {
  tenantId: string;
  permissions: readonly Permission[];
  query: string;
  variables?: Record<string, unknown>;
  /** Abandon the answer after this long (default: the client's); the call may still have happened. */
  timeoutMs?: number;
}

/** What a service is given to call other domains (`ServiceDeps.gateway`); tests pass a fake. */
export interface GatewayClient {
  /** The operation's `data`; throws `GatewayCallError` on transport failures and GraphQL errors. */
  execute<T = Record<string, unknown>>(call: GatewayCall): Promise<T>;
}

/**
 * A call that did not produce `data`. `code` is the callee's error category (`VALIDATION`,
 * `NOT_FOUND`, `CONFLICT`, `FORBIDDEN`, `UNAUTHENTICATED`, …) or `UNAVAILABLE` when the gateway
 * could not be reached, timed out or failed; `retriable` says a retry with the same idempotency
 * key is the right move (the outcome is unknown or the callee was momentarily unavailable).
 */
export class GatewayCallError extends Error {
  readonly code: string;
  readonly reason: string | undefined;
  readonly field: string | undefined;
  readonly retriable: boolean;

  constructor(code: string, message: string, details: { reason?: string | undefined; field?: string | undefined; retriable: boolean }) {
    super(message);
    this.name = 'GatewayCallError';
    this.code = code;
    this.reason = details.reason;
    this.field = details.field;
    this.retriable = details.retriable;
  }
}

const RETRIABLE_CODES = new Set(['UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string; reason?: string; field?: string } }[];
}

/**
 * The gateway client over HTTP: the caller's correlation id and trace context travel along, the
 * service credential (`x-crm-service`) is signed with the deployment's internal secret.
 * `url` may be a function: the launcher knows the gateway's address only once it listens.
 */
export class HttpGatewayClient implements GatewayClient {
  private readonly signer: ServiceCredentialSigner;
  private readonly timeoutMs: number;

  constructor(
    private readonly options: {
      url: string | (() => string | null);
      /** INTERNAL_AUTH_SECRET: the secret the gateway verifies service credentials with. */
      secret: string;
      /** The calling service's registry name (the callee sees `service:<name>`). */
      service: string;
      timeoutMs?: number;
      fetch?: typeof fetch;
    },
  ) {
    this.signer = new ServiceCredentialSigner(options.secret, options.service);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async execute<T = Record<string, unknown>>(call: GatewayCall): Promise<T> {
    const url = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    if (!url) throw new GatewayCallError('UNAVAILABLE', 'the gateway is not listening yet', { retriable: true });
    const rc = currentRequestContext();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      [SERVICE_CREDENTIAL_HEADER]: this.signer.sign(call.tenantId, call.permissions),
      ...traceHeaders(),
      ...(rc?.correlationId ? { 'x-correlation-id': rc.correlationId } : {}),
    };
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: call.query, variables: call.variables ?? {} }),
        signal: AbortSignal.timeout(call.timeoutMs ?? this.timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new GatewayCallError(
        'UNAVAILABLE',
        timedOut ? 'the gateway did not answer in time' : `the gateway is unreachable: ${(err as Error).message}`,
        {
          retriable: true,
        },
      );
    }
    let answer: GraphQLAnswer;
    try {
      answer = (await response.json()) as GraphQLAnswer;
    } catch {
      throw new GatewayCallError('UNAVAILABLE', `the gateway answered ${response.status} without a GraphQL body`, { retriable: true });
    }
    const first = answer.errors?.[0];
    if (first) {
      const code = first.extensions?.code ?? (response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL');
      throw new GatewayCallError(code, first.message ?? 'the call failed', {
        reason: first.extensions?.reason,
        field: first.extensions?.field,
        retriable: RETRIABLE_CODES.has(code) || response.status >= 500,
      });
    }
    if (!answer.data)
      throw new GatewayCallError('UNAVAILABLE', `the gateway answered ${response.status} without data`, { retriable: response.status >= 500 });
    return answer.data as T;
  }
}
