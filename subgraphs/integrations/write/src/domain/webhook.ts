import type { WebhookEvent } from '@crm/event-bus/contracts/integrations';

/** One signing secret of an endpoint, sealed (never in an event); a rotated-out secret signs until it expires. */
export interface SealedSecret {
  sealed: string;
  /** null: the current secret; otherwise the end of its overlap after a rotation. */
  expiresAt: string | null;
}

/** The settings a tenant gives an endpoint (the events say these, and nothing else). */
export interface EndpointSettings {
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
}

/** Write-side state of one webhook endpoint. */
export interface WebhookState extends EndpointSettings {
  id: string;
  version: number;
  /** Newest first: the current secret, then rotated-out ones still inside their overlap. */
  secrets: SealedSecret[];
  disabledReason: string | null;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type Data<T extends WebhookEvent['type']> = Extract<WebhookEvent, { type: T }>['data'];

/**
 * What a decider returns: event types with their data, and for a new secret what is stored beside
 * the event (the sealed secret), which the event never carries.
 */
export type WebhookChange =
  | { type: 'webhook_endpoint.created'; data: Data<'webhook_endpoint.created'>; stored: { secret: SealedSecret } }
  | { type: 'webhook_endpoint.updated'; data: Data<'webhook_endpoint.updated'> }
  | { type: 'webhook_endpoint.deleted'; data: Data<'webhook_endpoint.deleted'> }
  | { type: 'webhook_endpoint.secret_rotated'; data: Data<'webhook_endpoint.secret_rotated'>; stored: { secret: SealedSecret } }
  | { type: 'webhook_endpoint.disabled'; data: Data<'webhook_endpoint.disabled'> };

/** Applies one event to the state (pure; the read-side projection applies the same rule to what it sees). */
export function evolve(state: WebhookState | null, change: WebhookChange, meta: { version: number; at: Date }): WebhookState {
  const base: WebhookState = state ?? {
    id: '',
    version: 0,
    url: '',
    events: [],
    description: null,
    enabled: true,
    secrets: [],
    disabledReason: null,
    deleted: false,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  const next = { ...base, version: meta.version, updatedAt: meta.at };
  switch (change.type) {
    case 'webhook_endpoint.created':
      return { ...next, ...change.data, secrets: [change.stored.secret], createdAt: meta.at };
    case 'webhook_endpoint.updated':
      return { ...next, ...change.data, disabledReason: change.data.enabled ? null : base.disabledReason };
    case 'webhook_endpoint.deleted':
      return { ...next, deleted: true, enabled: false, secrets: [] };
    case 'webhook_endpoint.secret_rotated': {
      const previous = base.secrets.slice(0, 1).map((s) => ({ sealed: s.sealed, expiresAt: change.data.previousSecretExpiresAt }));
      return { ...next, secrets: [change.stored.secret, ...previous] };
    }
    case 'webhook_endpoint.disabled':
      return { ...next, enabled: false, disabledReason: change.data.reason };
  }
}

/** The secrets that sign at `now`: the current one and rotated-out ones whose overlap has not ended. */
export function signingSecrets(state: Pick<WebhookState, 'secrets'>, now: Date): SealedSecret[] {
  return state.secrets.filter((s) => s.expiresAt === null || new Date(s.expiresAt).getTime() > now.getTime());
}
