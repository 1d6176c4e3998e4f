import type { DataSource } from 'typeorm';
import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { assertOwnContact, SELF } from '@crm/platform/auth';
import { canonicalId } from '@crm/platform/ids';
import { waitForVersion, type ConsistencyToken, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import { PAYMENT_METHODS_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { PaymentMethodViewStore } from '../persistence/payment-method-views';
import type { PaymentMethodsView } from '../projections/payment-method-view.projection';

@ObjectType({ description: "A gateway's token for a stored method." })
export class PaymentGatewayToken {
  @Field(() => String) gateway: string;
  @Field(() => String) token: string;
}

@ObjectType({ description: 'A stored card: first6 / last4 / brand / expiry only (never a number).' })
export class PaymentCard {
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String) first6: string;
  @Field(() => String) last4: string;
  @Field(() => String) brand: string;
  @Field(() => String, { nullable: true }) fundingType: string | null;
  @Field(() => Int) expirationMonth: number;
  @Field(() => Int) expirationYear: number;
  @Field(() => String, { nullable: true }) holderName: string | null;
}

@ObjectType()
export class PaymentAccountDebit {
  @Field(() => String, { nullable: true }) accountName: string | null;
  @Field(() => String, { nullable: true, description: 'The last 4 characters of the IBAN.' }) ibanLast4: string | null;
  @Field(() => String, { nullable: true }) bank: string | null;
}

@ObjectType()
export class PaymentWalletMethod {
  @Field(() => String, { nullable: true }) email: string | null;
}

@ObjectType({ description: "One of a contact's payment methods." })
export class ContactPaymentMethod {
  @Field(() => ID) id: string;
  @Field(() => ID) contactId: string;
  @Field(() => String, { description: 'CARD, ACCOUNT_DEBIT or WALLET.' }) type: string;
  @Field(() => Boolean, { description: 'The one used for recurring payments (the first added, unless changed).' }) isPrimary: boolean;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => PaymentCard, { nullable: true }) card: PaymentCard | null;
  @Field(() => PaymentAccountDebit, { nullable: true }) accountDebit: PaymentAccountDebit | null;
  @Field(() => PaymentWalletMethod, { nullable: true }) wallet: PaymentWalletMethod | null;
  @Field(() => [PaymentGatewayToken]) gatewayTokens: PaymentGatewayToken[];
}

const toMethods = (view: PaymentMethodsView | null): ContactPaymentMethod[] =>
  (view?.methods ?? []).map((m) => ({ ...m, contactId: view!.contactId, isPrimary: view!.primaryId === m.id }));

/** Read-side queries over the read model, honouring consistency tokens. */
export class PaymentMethodQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {}

  async ofContact(tenantId: string, contactId: string): Promise<ContactPaymentMethod[]> {
    return toMethods(await new PaymentMethodViewStore(this.dataSource.manager, tenantId).ofContact(contactId));
  }

  /** Waits until every payment-methods token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const store = new PaymentMethodViewStore(this.dataSource.manager, tenantId);
    const wanted = tokens.filter((t) => t.aggregateType === PAYMENT_METHODS_AGGREGATE);
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => store.versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${PAYMENT_METHODS_AGGREGATE}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }
}

@Resolver(() => ContactPaymentMethod)
export class PaymentMethodQueriesResolver {
  constructor(
    private readonly queries: PaymentMethodQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  @Authorized(['billing.read', SELF])
  @Query(() => [ContactPaymentMethod], { description: "A contact's payment methods, oldest first (a contact reads its own only)." })
  async contactPaymentMethods(
    @Arg('contactId', () => ID) contactId: string,
    @Arg('type', () => String, { nullable: true, description: 'CARD, ACCOUNT_DEBIT or WALLET.' }) type: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ContactPaymentMethod[]> {
    const id = canonicalId(contactId);
    if (!id) return [];
    assertOwnContact(ctx.principal, id);
    await this.consistency.before(ctx);
    const all = await this.queries.ofContact(ctx.principal.tenantId, id);
    return type ? all.filter((m) => m.type === type.trim().toUpperCase()) : all;
  }
}
