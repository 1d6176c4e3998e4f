import type { CommandResult, Queryable } from '@crm/event-bus/kit';
import type { SubscriptionState } from '../domain/subscription';

/**
 * Keeps the scheduler's queue in step with the events of one command (same transaction): a
 * scheduled action gets its row; an executed, rejected or cancelled one gets its final state.
 */
export async function syncActionQueue(q: Queryable, tenantId: string, result: CommandResult<SubscriptionState>): Promise<void> {
  for (const e of result.events) {
    const data = e.data as { actionId: string; scheduledDate?: string; scheduled?: boolean };
    if (e.type === 'subscription.action_scheduled') {
      await q.query(`INSERT INTO subscription_actions (tenant_id, id, subscription_id, due_at, state) VALUES ($1, $2, $3, $4, 'SCHEDULED')`, [
        tenantId,
        data.actionId,
        result.state.id,
        data.scheduledDate,
      ]);
    }
    const settled =
      e.type === 'subscription.action_executed' && data.scheduled
        ? 'EXECUTED'
        : e.type === 'subscription.action_rejected'
          ? 'REJECTED'
          : e.type === 'subscription.action_cancelled'
            ? 'CANCELLED'
            : null;
    if (settled) {
      await q.query(`UPDATE subscription_actions SET state = $3, claimed_until = NULL WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        data.actionId,
        settled,
      ]);
    }
  }
}

/** One claimed queue row. */
export interface ClaimedAction {
  tenant_id: string;
  id: string;
  subscription_id: string;
}

/**
 * Claims up to `limit` due actions for `leaseMs` (committed at once): rows locked by another
 * claimer are skipped (FOR UPDATE SKIP LOCKED), rows whose lease ran out (a claimer died) are
 * claimable again. A claim is not the execution: the aggregate's own state decides that an
 * action runs once, whoever claims it.
 */
export async function claimDueActions(q: Queryable, limit: number, leaseMs: number): Promise<ClaimedAction[]> {
  const result = (await q.query(
    `UPDATE subscription_actions a SET claimed_until = now() + ($2::int * interval '1 millisecond'), attempts = a.attempts + 1
     FROM (SELECT tenant_id, id FROM subscription_actions
           WHERE state = 'SCHEDULED' AND due_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) c
     WHERE a.tenant_id = c.tenant_id AND a.id = c.id
     RETURNING a.tenant_id, a.id, a.subscription_id`,
    [limit, leaseMs],
  )) as ClaimedAction[] | [ClaimedAction[], number];
  // TypeORM answers an UPDATE … RETURNING on PostgreSQL as [rows, count]
  return (Array.isArray(result[0]) ? result[0] : result) as ClaimedAction[];
}

/** Gives a claimed action back (it was not due by the executing process's clock). */
export async function releaseAction(q: Queryable, tenantId: string, id: string): Promise<void> {
  await q.query(`UPDATE subscription_actions SET claimed_until = NULL WHERE tenant_id = $1 AND id = $2 AND state = 'SCHEDULED'`, [tenantId, id]);
}
