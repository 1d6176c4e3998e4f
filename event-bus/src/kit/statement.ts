/** One parameterised SQL statement ($1..$n), built by pure code and run by an engine. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** Renumbers `$n` placeholders by `offset` so statements can be composed into one (no `$` inside literals). */
export function shiftParams(sql: string, offset: number): string {
  return offset === 0 ? sql : sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`);
}
