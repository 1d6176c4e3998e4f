import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { PUBLIC } from '@crm/platform/auth';
import { Authorized, type SubgraphContext } from '@crm/platform/graphql';
import { walletIdentityValue } from '@crm/event-bus/contracts/ledger';
import type { LedgerQueries } from './ledger-queries.resolver';

/** Flow 16, step 1: does a wallet of this tenant have this e-mail or phone as its identity? (The application's public key is enough.) */
@Resolver()
export class WalletExistsResolver {
  constructor(private readonly queries: LedgerQueries) {}

  @Authorized([PUBLIC])
  @Query(() => Boolean, { description: 'Whether a wallet of the tenant has this identity (type EMAIL or PHONE; value the e-mail or phone).' })
  async walletExists(
    @Arg('type', () => String) type: string,
    @Arg('value', () => String) value: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    if (type !== 'EMAIL' && type !== 'PHONE') throw AppError.validation('type', 'must be EMAIL or PHONE', 'INVALID_ENUM');
    if (value.length > 254) throw AppError.validation('value', 'must be at most 254 characters', 'TOO_LONG');
    const key = walletIdentityValue(type, value);
    if (key === null)
      throw type === 'EMAIL'
        ? AppError.validation('value', 'must be an e-mail address', 'INVALID_EMAIL')
        : AppError.validation('value', 'must be a phone number (6 to 15 digits)', 'INVALID_VALUE');
    return this.queries.views(ctx.principal.tenantId).walletExists(type, key);
  }
}
