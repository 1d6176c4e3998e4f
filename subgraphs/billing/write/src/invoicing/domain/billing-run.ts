import type { BillingRunEvent } from '@crm/event-bus/contracts/billing';

export type BillingRunStateName = 'RUNNING' | 'COMPLETED';

/** A billing run: RUNNING (worked by whichever process holds its lease; resumable) → COMPLETED. */
export interface BillingRunState {
  id: string;
  version: number;
  state: BillingRunStateName;
  billingDate: string;
  contactIds: string[] | null;
  scheduled: boolean;
  total: number;
  done: number;
  documents: number;
  failures: { subscriptionId: string; reason: string }[];
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export type BillingRunChange = BillingRunEvent extends infer E ? (E extends BillingRunEvent ? Pick<E, 'type' | 'data'> : never) : never;

export function evolveBillingRun(state: BillingRunState | null, event: BillingRunChange, meta: { version: number; at: Date }): BillingRunState {
  if (event.type === 'billing_run.requested')
    return {
      id: state?.id ?? '',
      version: meta.version,
      state: 'RUNNING',
      billingDate: event.data.billingDate,
      contactIds: event.data.contactIds,
      scheduled: event.data.scheduled,
      total: 0,
      done: 0,
      documents: 0,
      failures: [],
      createdAt: meta.at,
      updatedAt: meta.at,
      completedAt: null,
    };
  const s = state as BillingRunState;
  return {
    ...s,
    version: meta.version,
    state: 'COMPLETED',
    total: event.data.subscriptions,
    done: event.data.subscriptions,
    documents: event.data.documents,
    failures: event.data.failures,
    updatedAt: meta.at,
    completedAt: meta.at,
  };
}

/** Completes a run once (a completed run records nothing more). */
export function completeRun(
  state: BillingRunState | null,
  progress: { total: number; documents: number; failures: BillingRunState['failures'] },
): BillingRunChange[] {
  if (!state || state.state === 'COMPLETED') return [];
  return [
    {
      type: 'billing_run.completed',
      data: { subscriptions: progress.total, documents: progress.documents, failures: progress.failures.slice(0, 1000) },
    },
  ];
}
