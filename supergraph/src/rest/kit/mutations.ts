/** Running auth mutations whose payloads carry UserErrors (any resource's routes). */
import { AppError } from '@crm/platform/errors';
import { fromUserError } from './errors';
import type { Operation, GqlDonePayload } from './operation';
import type { GatewayCaller } from './context';

/** Runs a mutation whose payload carries `errors`; a UserError becomes an AppError with the REST field. */
export async function payloadOf<P extends { errors: { code: string; reason: string | null; field: string | null; message: string }[] }>(
  gateway: GatewayCaller,
  op: Operation,
  variables: Record<string, unknown>,
  field: string,
): Promise<P> {
  const data = await gateway.run(op, variables, 'auth');
  const payload = data[field] as P | null | undefined;
  const first = payload?.errors?.[0];
  if (first) throw fromUserError(first, 'auth');
  if (!payload) throw new AppError('INTERNAL', `mutation ${field} returned no payload`);
  return payload;
}

/** A DonePayload mutation: ok, or its UserError; `ok: false` without an error is a 500. */
export async function done(gateway: GatewayCaller, op: Operation, variables: Record<string, unknown>, field: string): Promise<void> {
  const payload = await payloadOf<GqlDonePayload>(gateway, op, variables, field);
  if (!payload.ok) throw new AppError('INTERNAL', `mutation ${field} did not complete`);
}
