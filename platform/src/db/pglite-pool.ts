import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

/**
 * The one session of an embedded PGlite database, shared by every service of the process that
 * uses it: hands it out one holder at a time (FIFO), and sets the holder's search_path when the
 * previous holder was another service, so each service sees its own schema first (exactly as
 * with `DATABASE_URL`, where each connection sets it).
 */
export class PGliteSession {
  private busy = false;
  private readonly waiters: (() => void)[] = [];
  private searchPath: string | null = null;

  constructor(readonly db: PGlite) {}

  async acquire(schema: string | undefined): Promise<void> {
    if (!this.busy) this.busy = true;
    else await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (schema !== undefined && this.searchPath !== schema) {
      try {
        await this.db.exec(`SET search_path TO "${schema}", public`);
        this.searchPath = schema;
      } catch (err) {
        this.release();
        throw err;
      }
    }
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.busy = false;
  }
}

/**
 * A `pg`-compatible Pool over an embedded PGlite session, for TypeORM's `driver` option. The
 * pool hands out one client at a time (the session's lock), so a transaction of one client (or
 * of another service sharing the database) never interleaves with other statements. Results
 * are shaped like pg's (`rows`, `rowCount`, `command`) so TypeORM's affected-row counts work.
 */
export class PGlitePool extends EventEmitter {
  constructor(
    private readonly session: PGliteSession,
    private readonly schema: string | undefined,
    private readonly onEnd: () => Promise<void>,
  ) {
    super();
  }

  connect(callback: (err: Error | null, client: PGliteClient | null, release: (err?: unknown) => void) => void): void {
    this.session.acquire(this.schema).then(
      () => {
        let released = false;
        const client = new PGliteClient(this.session.db);
        callback(null, client, () => {
          if (released) return;
          released = true;
          this.session.release();
        });
      },
      (err: unknown) => callback(err as Error, null, () => undefined),
    );
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    await this.session.acquire(this.schema);
    try {
      return await new PGliteClient(this.session.db).query(sql, params);
    } finally {
      this.session.release();
    }
  }

  end(callback?: (err: Error | null) => void): void {
    this.onEnd().then(
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

/**
 * The object TypeORM expects as `driver`: something with a `Pool` constructor. `schema` is the
 * service's own schema (its search_path); `onEnd` runs when TypeORM closes the pool.
 */
export function pgliteDriver(
  session: PGliteSession,
  schema?: string,
  onEnd: () => Promise<void> = () => session.db.close(),
): { Pool: new () => PGlitePool } {
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super(session, schema, onEnd);
      }
    },
  };
}
