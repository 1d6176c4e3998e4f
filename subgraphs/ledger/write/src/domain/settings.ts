import type {
  CommercePoolDefinedV1,
  CommercePoolDefinition,
  LedgerLimitsSetV1,
  WalletSettings,
  WalletUpdatedV1,
} from '@crm/event-bus/contracts/ledger';

/** A wallet's settings as its commands decide on them (version: the wallet aggregate's). */
export interface WalletState {
  id: string;
  contactId: string;
  version: number;
  settings: WalletSettings;
}

export interface CommercePoolState {
  id: string;
  version: number;
  definition: CommercePoolDefinition;
}

export const defaultWalletSettings = (): WalletSettings => ({ autoTopup: null, termedTopup: null, limitRules: null, activatedCommercePools: [] });

type Data<E extends { type: string; data: unknown }> = Pick<E, 'type' | 'data'>;

/** What the wallet-settings and commerce-pool deciders emit. */
export type SettingsChange =
  | (Data<WalletUpdatedV1> & { aggregateType: 'wallet'; aggregateId: string })
  | (Data<CommercePoolDefinedV1> & { aggregateType: 'commerce_pool'; aggregateId: string })
  | (Data<LedgerLimitsSetV1> & { aggregateType: 'ledger_limits'; aggregateId: string });
