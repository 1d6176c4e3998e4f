import type { IncomingHttpHeaders } from 'node:http';
import { PrincipalSigner, type Principal } from '@crm/platform/auth';
import { annotateRequest, currentRequestContext } from '@crm/platform/logging';
import { bearerRefreshToken, type Authenticator } from './authenticate';

/** Per-request gateway context: who is calling, and what to forward to subgraphs. */
export interface GatewayContext {
  principal: Principal;
  /** The principal signed for subgraphs (short-lived). */
  principalToken: string;
  requestId: string;
  correlationId: string;
  /** The caller's `x-consistency-token`, forwarded to read subgraphs. */
  consistencyTokens: string | undefined;
  /** The caller's address (forwarded to subgraphs for per-address limits). */
  clientIp: string | null;
  /** The caller authenticated with a refresh token: it may only refresh (refreshOnlyPlugin). */
  refreshOnly: boolean;
  /**
   * Freshness reported by read subgraphs during this request: the worst lag, the pending events
   * of every read side answering (`pendingBy`: per subgraph URL, not sent), consistent only if all were.
   */
  freshness: { lagMs: number; pendingEvents: number; consistent: boolean; pendingBy?: Record<string, number> } | null;
}

export function gatewayContextFactory(authenticate: Authenticator, secret: string) {
  const signer = new PrincipalSigner(secret);
  return async (headers: IncomingHttpHeaders, clientIp: string | null = null): Promise<GatewayContext> => {
    const principal = await authenticate(headers, clientIp);
    annotateRequest({ tenantId: principal.tenantId, principalKind: principal.kind });
    const rc = currentRequestContext();
    const consistency = headers['x-consistency-token'];
    return {
      principal,
      principalToken: signer.sign(principal),
      requestId: rc?.requestId ?? '',
      correlationId: rc?.correlationId ?? '',
      consistencyTokens: Array.isArray(consistency) ? consistency.join(',') : consistency,
      clientIp,
      refreshOnly: bearerRefreshToken(headers) !== undefined,
      freshness: null,
    };
  };
}
