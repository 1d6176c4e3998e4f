import type { AdapterChange, AdapterKind, AdapterState } from './adapter';

/** Configures (or reconfigures, or configures again after a removal) a tenant's adapter; its settings arrive checked, its credentials sealed (pure). */
export function configureAdapter(
  _state: AdapterState | null,
  cmd: { kind: AdapterKind; settings: Record<string, string>; sealedCredentials: string },
): AdapterChange[] {
  return [
    {
      type: 'integration_adapter.configured',
      data: { kind: cmd.kind, settings: cmd.settings },
      stored: { sealedCredentials: cmd.sealedCredentials },
    },
  ];
}
