/** One SQL statement the projector runs for an event (parameterised; tenant-scoped by construction). */
export interface Statement {
  sql: string;
  params: unknown[];
}
