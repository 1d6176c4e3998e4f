// The ledger's command handler as its own process, for the fault test that SIGKILLs it.
//   node ledger-worker.js '{"databaseUrl":"postgres://…","tenantId":"t","seed":1,"clients":8,"ops":400,"wallets":["…"]}'
// Prints `ledger ready`, then one JSON line per answered command: {"ack":key,"id":…} (committed) or
// {"refused":key,"reason":…} (refused by a rule: nothing moved). Each client's commands are a pure
// function of (seed, client, index), so a restarted worker re-sends its last commands with the same
// idempotency keys and requests (they must replay, never post twice) and then continues.
import pino from 'pino';
import { registry } from '@crm/event-bus';
import { createDataSource } from '@crm/platform/db';
import { AppError } from '@crm/platform/errors';
import { seededRandom } from '@crm/platform/testing/faults';
import type { RequestContext } from '@crm/event-bus/kit';
import { LedgerCommands } from '../application/ledger-commands';
import { migrations } from '../persistence/migrations';
import { DB_SCHEMA } from '../persistence/database';

export interface LedgerWorkerConfig {
  databaseUrl: string;
  tenantId: string;
  seed: number;
  clients: number;
  ops: number;
  wallets: string[];
}

export type PlannedOp =
  | { kind: 'transfer'; from: number; to: number; cents: number }
  | { kind: 'spend'; wallet: number; cents: number }
  | { kind: 'hold'; wallet: number; cents: number; capture: boolean }
  | { kind: 'reverse'; back: number };

/** The command of (seed, client, index): pure, so every incarnation plans the same. */
export function planOp(seed: number, client: number, index: number, wallets: number): PlannedOp {
  const rnd = seededRandom((seed ^ Math.imul(client + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const pick = rnd();
  const wallet = Math.floor(rnd() * wallets);
  const cents = 1 + Math.floor(rnd() * 500);
  if (pick < 0.55) {
    const other = (wallet + 1 + Math.floor(rnd() * (wallets - 1))) % wallets;
    return { kind: 'transfer', from: wallet, to: other, cents };
  }
  if (pick < 0.7) return { kind: 'spend', wallet, cents };
  if (pick < 0.85) return { kind: 'hold', wallet, cents, capture: rnd() < 0.5 };
  return { kind: 'reverse', back: 1 + Math.floor(rnd() * 3) };
}

export const opKey = (seed: number, client: number, index: number, step = '') => `f${seed}-c${client}-${index}${step}`;
const amount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const RULES = new Set(['VALIDATION', 'CONFLICT', 'NOT_FOUND']);

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as LedgerWorkerConfig;
  const logger = pino({ level: 'warn' });
  const dataSource = await createDataSource({
    service: 'ledger-worker',
    dataDir: '.data',
    schema: DB_SCHEMA,
    entities: [],
    migrations,
    migrate: false,
    databaseUrl: config.databaseUrl,
    poolSize: 10,
    logger,
  });
  const commands = new LedgerCommands(dataSource, registry, () => undefined, 'EUR');
  const ctx: RequestContext = { tenantId: config.tenantId, correlationId: 'ledger-faults', actor: { kind: 'service', id: 'faults' } };
  const out = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const keyOf = (scope: string, key: string, request: unknown) => ({ scope: `ledger.${scope}`, key, request });
  /** The transaction an earlier command's key committed (null: it moved nothing). */
  const committed = async (key: string): Promise<string | null> => {
    const rows = (await dataSource.query(`SELECT result FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND result IS NOT NULL`, [
      config.tenantId,
      key,
    ])) as { result: { transactionId?: string } }[];
    return rows[0]?.result.transactionId ?? null;
  };

  async function run(client: number, index: number): Promise<void> {
    const op = planOp(config.seed, client, index, config.wallets.length);
    const key = opKey(config.seed, client, index);
    const w = (i: number) => ({ walletId: config.wallets[i]! });
    try {
      if (op.kind === 'transfer') {
        const input = { from: w(op.from), to: w(op.to), amount: amount(op.cents), currency: 'EUR' };
        out({ ack: key, id: (await commands.transfer(ctx, input, keyOf('transfer', key, input))).transactionId });
      } else if (op.kind === 'spend') {
        const input = { account: w(op.wallet), destination: 'REVENUE' as const, amount: amount(op.cents), currency: 'EUR', type: 'SPEND' as const };
        out({ ack: key, id: (await commands.debit(ctx, input, keyOf('debit', key, input))).transactionId });
      } else if (op.kind === 'hold') {
        const input = { account: w(op.wallet), amount: amount(op.cents), currency: 'EUR', expiresAt: null };
        const r = await commands.reserve(ctx, input, keyOf('reserve', `${key}-r`, input));
        out({ ack: `${key}-r`, reservation: r.reservationId });
        if (op.capture) {
          const c = { reservationId: r.reservationId, destination: null, destinationSystem: 'REVENUE' as const, amount: null };
          out({ ack: `${key}-c`, id: (await commands.capture(ctx, c, keyOf('capture', `${key}-c`, c))).transactionId });
        } else {
          const c = { reservationId: r.reservationId };
          out({ ack: `${key}-x`, reservation: (await commands.release(ctx, c, keyOf('release', `${key}-x`, c))).reservationId });
        }
      } else {
        if (index - op.back < 0) return;
        const target = await committed(opKey(config.seed, client, index - op.back));
        if (!target) return;
        const input = { transactionId: target };
        out({ ack: key, id: (await commands.reverse(ctx, input, keyOf('reverse', key, input))).transactionId });
      }
    } catch (err) {
      if (err instanceof AppError && RULES.has(err.code)) out({ refused: key, reason: err.reason ?? err.code });
      else throw err;
    }
  }

  async function client(c: number): Promise<void> {
    // resume a few commands before the last one this client committed: they replay (same keys, same requests)
    const done = (await dataSource.query(`SELECT key FROM idempotency_keys WHERE tenant_id = $1 AND key LIKE $2`, [
      config.tenantId,
      `f${config.seed}-c${c}-%`,
    ])) as { key: string }[];
    const last = Math.max(-1, ...done.map((d) => Number(/-c\d+-(\d+)/.exec(d.key)?.[1] ?? -1)));
    for (let i = Math.max(0, last - 4); i < config.ops; i++) await run(c, i);
  }

  process.once('SIGTERM', () => process.exit(0));
  process.stdout.write('ledger ready\n');
  await Promise.all(Array.from({ length: config.clients }, (_, c) => client(c)));
  // stays up (idle) until it is killed or stopped: a later incarnation would only replay
  out({ finished: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
