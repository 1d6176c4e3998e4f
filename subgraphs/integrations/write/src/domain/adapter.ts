import type { AdapterEvent } from '@crm/event-bus/contracts/integrations';
import type { ADAPTER_KINDS } from '@crm/event-bus/contracts/integrations';

export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/** Write-side state of one provider adapter of a tenant: its settings, and its credentials sealed (never in an event, never returned). */
export interface AdapterState {
  id: string;
  version: number;
  kind: AdapterKind;
  settings: Record<string, string>;
  /** The credentials as JSON, sealed bound to the tenant and kind; null once removed. */
  sealedCredentials: string | null;
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type Data<T extends AdapterEvent['type']> = Extract<AdapterEvent, { type: T }>['data'];

export type AdapterChange =
  | { type: 'integration_adapter.configured'; data: Data<'integration_adapter.configured'>; stored: { sealedCredentials: string } }
  | { type: 'integration_adapter.removed'; data: Data<'integration_adapter.removed'> };

export function evolve(state: AdapterState | null, change: AdapterChange, meta: { version: number; at: Date }): AdapterState {
  const base: AdapterState = state ?? {
    id: '',
    version: 0,
    kind: change.data.kind,
    settings: {},
    sealedCredentials: null,
    removed: false,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  const next = { ...base, version: meta.version, updatedAt: meta.at };
  switch (change.type) {
    case 'integration_adapter.configured':
      return { ...next, kind: change.data.kind, settings: change.data.settings, sealedCredentials: change.stored.sealedCredentials, removed: false };
    case 'integration_adapter.removed':
      return { ...next, settings: {}, sealedCredentials: null, removed: true };
  }
}
