import { AppError } from '@crm/platform/errors';
import type { IdentityEvent } from '@crm/event-bus/contracts/identity';

export type ProviderKind = 'OIDC' | 'FACEBOOK';

/** What is stored of an OIDC provider besides its sealed client secret. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  redirectUris: string[];
  scopes?: string[] | undefined;
}

/** What is stored of a Facebook provider besides its sealed app secret. */
export interface FacebookSettings {
  appId: string;
  graphBaseUrl: string;
}

/**
 * Write-side state of one tenant's external sign-in provider, keyed by (kind, type). A removed
 * provider keeps its row (and id) with neither settings nor secret; configuring it again revives it.
 */
export interface ProviderState {
  id: string;
  kind: ProviderKind;
  type: string;
  settings: OidcSettings | FacebookSettings | null;
  /** The client/app secret, sealed by the caller (never in an event). */
  sealedSecret: string | null;
  version: number;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type ProviderEvent = Extract<IdentityEvent, { type: 'identity_provider.configured' | 'identity_provider.removed' }>;
type Data<T extends ProviderEvent['type']> = Extract<ProviderEvent, { type: T }>['data'];
/**
 * What a provider decider returns: the event type and data, and for a configuration what is
 * stored beside it (settings, sealed secret), which the event never carries.
 */
export type ProviderChange =
  | {
      type: 'identity_provider.configured';
      data: Data<'identity_provider.configured'>;
      stored: { settings: OidcSettings | FacebookSettings; sealedSecret: string };
    }
  | { type: 'identity_provider.removed'; data: Data<'identity_provider.removed'> };

/** What the API answers (and the configured event says) about a provider: never its secret. */
export function describeProvider(kind: ProviderKind, settings: OidcSettings | FacebookSettings | null, hasSecret: boolean) {
  const oidc = kind === 'OIDC' ? (settings as OidcSettings | null) : null;
  const fb = kind === 'FACEBOOK' ? (settings as FacebookSettings | null) : null;
  return {
    issuer: oidc?.issuer ?? null,
    graphBaseUrl: fb?.graphBaseUrl ?? null,
    clientId: oidc?.clientId ?? fb?.appId ?? '',
    redirectUris: oidc?.redirectUris ?? [],
    scopes: oidc?.scopes ?? null,
    hasSecret,
  };
}

/** Applies one event to the state (pure). */
export function evolveProvider(state: ProviderState | null, change: ProviderChange, meta: { version: number; at: Date }): ProviderState {
  switch (change.type) {
    case 'identity_provider.configured':
      return {
        id: state?.id ?? '',
        kind: change.data.kind,
        type: change.data.type,
        settings: change.stored.settings,
        sealedSecret: change.stored.sealedSecret,
        version: meta.version,
        removed: false,
        createdAt: state?.createdAt ?? meta.at,
        updatedAt: meta.at,
      };
    case 'identity_provider.removed':
      if (!state) throw new Error('cannot remove a missing provider');
      return { ...state, settings: null, sealedSecret: null, version: meta.version, removed: true, updatedAt: meta.at };
  }
}

/** Configures (or reconfigures, or revives) the tenant's provider of this kind and type. */
export function configureProvider(
  _state: ProviderState | null,
  cmd: { kind: ProviderKind; type: string; settings: OidcSettings | FacebookSettings; sealedSecret: string },
): ProviderChange[] {
  return [
    {
      type: 'identity_provider.configured',
      data: { kind: cmd.kind, type: cmd.type, ...describeProvider(cmd.kind, cmd.settings, true) },
      stored: { settings: cmd.settings, sealedSecret: cmd.sealedSecret },
    },
  ];
}

/** Removes a configured provider: its settings and sealed secret are erased. */
export function removeProvider(state: ProviderState | null, cmd: { kind: ProviderKind; type: string }): ProviderChange[] {
  if (!state || state.removed)
    throw new AppError('NOT_FOUND', `no ${cmd.kind} provider ${cmd.type} is configured`, {
      reason: 'PROVIDER_NOT_FOUND',
      field: cmd.kind === 'OIDC' ? 'type' : 'kind',
    });
  return [{ type: 'identity_provider.removed', data: { kind: cmd.kind, type: cmd.type } }];
}
