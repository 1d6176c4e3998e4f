import { createHash } from 'node:crypto';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { AppError } from '../errors/app-error';

/** Table for idempotency keys; services that accept keys include this migration. */
export class CreateIdempotencyKeys1733000000001 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1733000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id text NOT NULL,
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}

const KEY = /^[A-Za-z0-9._:-]{8,255}$/;

export function hashRequest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * Claims an idempotency key inside the caller's transaction (Stripe semantics): the first call
 * gets `null` and must `complete` the key in the same transaction; a repeat with the same request
 * gets the stored result; a repeat with a different request is rejected. A concurrent repeat
 * waits on the key's row until the first commits. Keys are scoped by tenant and operation.
 */
export async function claimIdempotencyKey<R>(
  m: EntityManager,
  tenantId: string,
  scope: string,
  key: string,
  requestHash: string,
): Promise<{ replay: R } | null> {
  if (!KEY.test(key))
    throw AppError.validation('idempotencyKey', 'must be 8-255 characters of letters, digits and . _ : -', 'INVALID_IDEMPOTENCY_KEY');
  const inserted = (await m.query(
    `INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
    [tenantId, scope, key, requestHash],
  )) as unknown[];
  if (inserted.length > 0) return null;
  // `result IS NULL` (SQL NULL = not completed yet) is not the same as a completed JSON `null` result
  const [row] = (await m.query(
    `SELECT request_hash, result, result IS NULL AS pending FROM idempotency_keys WHERE tenant_id = $1 AND scope = $2 AND key = $3`,
    [tenantId, scope, key],
  )) as { request_hash: string; result: R; pending: boolean }[];
  if (!row) throw new AppError('UNAVAILABLE', 'idempotency key state is unavailable, retry', { reason: 'IDEMPOTENCY_RETRY' });
  if (row.request_hash !== requestHash) {
    throw new AppError('CONFLICT', 'this idempotency key was already used with a different request', {
      reason: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
    });
  }
  if (row.pending) throw new AppError('CONFLICT', 'a request with this idempotency key is still in progress', { reason: 'IDEMPOTENCY_IN_PROGRESS' });
  // jsonb comes back already parsed (pg and PGlite): a string result is the value itself, not JSON text
  return { replay: row.result };
}

export async function completeIdempotencyKey(m: EntityManager, tenantId: string, scope: string, key: string, result: unknown): Promise<void> {
  await m.query(`UPDATE idempotency_keys SET result = $4::jsonb WHERE tenant_id = $1 AND scope = $2 AND key = $3`, [
    tenantId,
    scope,
    key,
    JSON.stringify(result ?? null),
  ]);
}
