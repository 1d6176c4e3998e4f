import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';

/** The context every subgraph resolver receives. */
export interface SubgraphContext {
  principal: Principal;
  requestId: string;
  correlationId: string;
  /** Consistency tokens the caller sent (`x-consistency-token`), already parsed. */
  consistency: ConsistencyToken[];
  logger: Logger;
  /** Response extensions to merge in (e.g. freshness). */
  extensions: Record<string, unknown>;
  /** The caller's address as the gateway saw it (for per-address rate limits). */
  clientIp: string | null;
}

/** Header the gateway sets (and overwrites) with the caller's address. */
export const CLIENT_IP_HEADER = 'x-crm-client-ip';

/** "This aggregate, at least at this version" — returned by mutations, honoured by queries. */
export interface ConsistencyToken {
  aggregateType: string;
  aggregateId: string;
  version: number;
}

export const CONSISTENCY_HEADER = 'x-consistency-token';
const TOKEN_PATTERN = /^([a-z][a-z0-9_-]{0,40}):([0-9a-fA-F-]{36}):(\d{1,10})$/;

export function formatConsistencyToken(t: ConsistencyToken): string {
  return `${t.aggregateType}:${t.aggregateId}:${t.version}`;
}

/** Parses a comma-separated header value; malformed entries are ignored (max 64). */
export function parseConsistencyTokens(header: string | string[] | undefined): ConsistencyToken[] {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  const tokens: ConsistencyToken[] = [];
  for (const part of raw.split(',').slice(0, 64)) {
    const m = TOKEN_PATTERN.exec(part.trim());
    if (m) tokens.push({ aggregateType: m[1]!, aggregateId: m[2]!.toLowerCase(), version: Number(m[3]) });
  }
  return tokens;
}
