import type { PurchasePostedV1, PurchaseStep } from '@crm/event-bus/contracts/rewards';

type Posted = PurchasePostedV1['data'];

/** A ledger step of the purchase with its outcome (null: still to post; the process manager retries it with the same key). */
export interface PurchaseStepState extends PurchaseStep {
  outcome: 'POSTED' | 'WRITTEN_OFF' | 'CLAIMED' | null;
  transactionId: string | null;
}

/** Write-side state of one purchase. */
export interface PurchaseState extends Omit<Posted, 'steps'> {
  id: string;
  version: number;
  state: 'POSTED' | 'CANCELLED';
  steps: PurchaseStepState[];
  returns: { number: number; net: string }[];
  createdAt: string;
  updatedAt: string;
}

export type PurchaseChange =
  | { type: 'purchase.posted'; data: Posted }
  | { type: 'purchase.step_completed'; data: { key: string; outcome: 'POSTED' | 'WRITTEN_OFF' | 'CLAIMED'; transactionId: string | null } }
  | { type: 'purchase.cancelled'; data: { steps: PurchaseStep[] } }
  | { type: 'purchase.returned'; data: { number: number; net: string; steps: PurchaseStep[] } };

const open = (steps: PurchaseStep[]): PurchaseStepState[] => steps.map((s) => ({ ...s, outcome: null, transactionId: null }));

/** Steps still to post, in order. */
export const pendingSteps = (s: PurchaseState): PurchaseStepState[] => s.steps.filter((step) => step.outcome === null);

export function evolvePurchase(state: PurchaseState | null, change: PurchaseChange, meta: { version: number; at: Date }): PurchaseState {
  const at = meta.at.toISOString();
  switch (change.type) {
    case 'purchase.posted':
      return {
        id: state?.id ?? '',
        version: meta.version,
        ...change.data,
        steps: open(change.data.steps),
        state: 'POSTED',
        returns: [],
        createdAt: at,
        updatedAt: at,
      };
    case 'purchase.step_completed':
      return {
        ...state!,
        steps: state!.steps.map((s) =>
          s.key === change.data.key ? { ...s, outcome: change.data.outcome, transactionId: change.data.transactionId } : s,
        ),
        version: meta.version,
        updatedAt: at,
      };
    case 'purchase.cancelled':
      return { ...state!, state: 'CANCELLED', steps: [...state!.steps, ...open(change.data.steps)], version: meta.version, updatedAt: at };
    case 'purchase.returned':
      return {
        ...state!,
        returns: [...state!.returns, { number: change.data.number, net: change.data.net }],
        steps: [...state!.steps, ...open(change.data.steps)],
        version: meta.version,
        updatedAt: at,
      };
  }
}
