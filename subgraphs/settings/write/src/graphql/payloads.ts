import { formatConsistencyToken, type UserError } from '@crm/platform/graphql';
import type { CommandResult } from '@crm/event-bus/kit';

/** What the settings mutations answer: the aggregate's id and the token its read waits for (errors filled by asPayload). */
export interface IdPayload {
  id: string | null;
  consistencyToken: string | null;
  errors: UserError[];
}

/** The payload of a command that went through. */
export const idPayloadOf = (r: CommandResult<{ id: string }>): IdPayload => ({
  id: r.state.id,
  consistencyToken: formatConsistencyToken(r.consistency),
  errors: [],
});

/** The payload before an error fills it in. */
export const emptyIdPayload = (): IdPayload => ({ id: null, consistencyToken: null, errors: [] });
