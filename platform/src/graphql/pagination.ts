import { Directive, Field, ObjectType } from 'type-graphql';
import { AppError } from '../errors/app-error';

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;
/** Totals are counted up to this value (the CRM.COM `include_total` cap). */
export const TOTAL_COUNT_CAP = 10_000;

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): number {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw AppError.validation(field, 'is not a cursor returned by this API', 'INVALID_CURSOR');
  return Number(m[1]);
}

/** Resolves first/after/offset into a validated window. `after` wins over `offset`. */
export function pageWindow(
  args: { first?: number | null; after?: string | null; offset?: number | null },
  defaultSize = 20,
): { offset: number; limit: number } {
  const limit = args.first ?? defaultSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw AppError.validation('first', `must be between 1 and ${MAX_PAGE_SIZE}`, 'INVALID_PAGE_SIZE');
  let offset = 0;
  if (args.after) {
    offset = decodeCursor(args.after) + 1;
    // a cursor is an encoded offset: it may not reach deeper than `offset` may
    if (offset > 1_000_000) throw AppError.validation('after', 'points deeper than offset 1000000', 'INVALID_CURSOR');
  } else if (args.offset !== undefined && args.offset !== null) {
    if (!Number.isInteger(args.offset) || args.offset < 0 || args.offset > 1_000_000)
      throw AppError.validation('offset', 'must be between 0 and 1000000', 'INVALID_OFFSET');
    offset = args.offset;
  }
  return { offset, limit };
}
