import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { BILLING_TOPIC } from '@crm/event-bus/contracts/billing';
import { PaymentMethodQueries } from './graphql/payment-method-queries.resolver';
import { databaseConfig } from './persistence/database';
import { paymentMethodViewsReadModel } from './persistence/payment-method-views';
import { paymentViewsReadModel } from './payments/payment-views';
import { PaymentViewQueries } from './payments/payment-queries.resolver';
import { buildBillingReadSchema, SUBGRAPH_NAME } from './schema';
import type { BillingReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The billing read side: `payment_method_views` projected from the billing topic (nothing cached). */
export const billingReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [BILLING_TOPIC],
  projector: (dataSource, _cache, logger) => new Projector(dataSource, [paymentMethodViewsReadModel, paymentViewsReadModel], logger),
};

export type BillingReadService = ReadSide<Projector>;

/** Starts the billing read subgraph and/or its projector, per PROCESS_ROLE. */
export function startBillingRead(config: BillingReadConfig, deps: ServiceDeps): Promise<BillingReadService> {
  return startReadSide(billingReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildBillingReadSchema(
      new PaymentMethodQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS),
      freshness,
      new PaymentViewQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS),
    ),
  );
}

/** Rebuilds `billing_read` from the billing topic into a shadow schema and swaps it in (`npm run rebuild -- billing-read`). */
export const rebuildBillingRead = readSideRebuild(billingReadSide);
