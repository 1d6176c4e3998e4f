import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A `pg`-compatible Pool over one embedded PGlite database, for TypeORM's `driver` option.
 * PGlite is a single session, so the pool hands out one client at a time (FIFO): a transaction
 * on one client can never interleave with statements of another. Results are shaped like pg's
 * (`rows`, `rowCount`, `command`) so TypeORM's affected-row counts work.
 */
export class PGlitePool extends EventEmitter {
  private busy = false;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly db: PGlite) {
    super();
  }

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private releaseOne(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.busy = false;
  }

  connect(callback: (err: Error | null, client: PGliteClient | null, release: (err?: unknown) => void) => void): void {
    this.acquire().then(
      () => {
        let released = false;
        const client = new PGliteClient(this.db);
        callback(null, client, () => {
          if (released) return;
          released = true;
          this.releaseOne();
        });
      },
      (err: unknown) => callback(err as Error, null, () => undefined),
    );
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    await this.acquire();
    try {
      return await new PGliteClient(this.db).query(sql, params);
    } finally {
      this.releaseOne();
    }
  }

  end(callback?: (err: Error | null) => void): void {
    this.db.close().then(
      () => callback?.(null),
      (err: unknown) => callback?.(err as Error),
    );
  }
}

export interface PgLikeResult {
  rows: Record<string, unknown>[];
  rowCount: number;
  command: string;
}

class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[], callback?: (err: Error | null, result?: PgLikeResult) => void): Promise<PgLikeResult> {
    try {
      let result: PgLikeResult;
      const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
      if (params && params.length > 0) {
        const r = await this.db.query<Record<string, unknown>>(sql, params);
        result = { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command };
      } else {
        const all = await this.db.exec(sql);
        const last = all[all.length - 1];
        result = { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0, command };
      }
      callback?.(null, result);
      return result;
    } catch (err) {
      callback?.(err as Error);
      throw err;
    }
  }
}

/** The object TypeORM expects as `driver`: something with a `Pool` constructor. */
export function pgliteDriver(db: PGlite): { Pool: new () => PGlitePool } {
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super(db);
      }
    },
  };
}
