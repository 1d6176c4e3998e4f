import { Directive, Field, ObjectType } from 'type-graphql';
import { AppError, type ErrorCode } from '../errors/app-error';

@ObjectType({ description: 'A problem the caller can fix, returned as data.' })
@Directive('@shareable')
export class UserError {
  @Field({ description: 'VALIDATION, NOT_FOUND or CONFLICT.' }) code: ErrorCode;
  @Field(() => String, { nullable: true, description: 'Domain reason, e.g. CONTACT_CODE_TAKEN.' }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'Dotted path of the offending input field.' }) field: string | null;
  @Field() message: string;
}

const USER_ERROR_CODES = new Set<ErrorCode>(['VALIDATION', 'NOT_FOUND', 'CONFLICT']);

/**
 * Runs a mutation; domain failures the caller can fix (VALIDATION, NOT_FOUND, CONFLICT) come back
 * as `errors` in the payload, anything else is thrown as a GraphQL error.
 */
export async function asPayload<T extends { errors: UserError[] }>(run: () => Promise<T>, empty: () => T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && USER_ERROR_CODES.has(err.code)) {
      const userError: UserError = { code: err.code, reason: err.reason ?? null, field: err.field ?? null, message: err.message };
      return { ...empty(), errors: [userError] };
    }
    throw err;
  }
}
