import type { AggregateState, AggregateStore, Queryable } from '@crm/event-bus/kit';

/**
 * The two reads of a store whose aggregates are rows found by id, tenant-scoped: `load` (a
 * command's, which locks the row for the rest of the transaction) and `findById`.
 */
export function readsById<R, S extends AggregateState>(
  table: string,
  columns: string,
  toState: (row: R) => S,
): Pick<AggregateStore<S>, 'load' | 'findById'> {
  const read =
    (lock: boolean) =>
    async (q: Queryable, tenantId: string, id: string): Promise<S | null> => {
      const [row] = (await q.query(`SELECT ${columns} FROM ${table} WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
        tenantId,
        id,
      ])) as R[];
      return row ? toState(row) : null;
    };
  return { load: read(true), findById: read(false) };
}
