import { registry } from '@crm/event-bus';
import { serviceGateway, startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { BILLING_TOPIC } from '@crm/event-bus/contracts/billing';
import { knownContacts } from '@crm/event-bus/kit';
import { PaymentMethodCommands } from './application/payment-method-commands';
import { TopupCommands } from './application/topup-commands';
import { LedgerPort } from './application/ledger-port';
import { TestGateway } from './gateway/test-gateway';
import { StripeGateway } from './gateway/stripe-gateway';
import type { PaymentGateway, PaymentGatewayIntents } from './gateway/port';
import { TestGatewayIntents } from './gateway/intents-test-gateway';
import { StripeGatewayIntents } from './gateway/stripe-intents';
import { PaymentCommands } from './payments/payment-commands';
import { PaymentsLedger } from './payments/payments-ledger';
import { databaseConfig } from './persistence/database';
import { buildBillingWriteSchema, SUBGRAPH_NAME, type BillingWriteApp } from './schema';
import type { BillingWriteConfig } from './env';
import { Invoicing } from './invoicing/application/invoicing';
import { BillingRuns } from './invoicing/application/billing-runs';
import { LedgerDocuments } from './invoicing/application/ledger-documents';
import { followBillingSources } from './invoicing/persistence/followers';
import { Statements } from './invoicing/application/statements';

export interface BillingWriteService extends WriteSide, BillingWriteApp {
  /** The payment gateway in use (tests reach the TEST gateway's charge counter and fault injection). */
  paymentGateway: PaymentGateway;
  /** Its intents and payouts side (tests reach the TEST one to confirm intents and count payouts). */
  gatewayIntents: PaymentGatewayIntents;
}

/** What billing-write takes beyond the common deps: a payment gateway (tests pass theirs; else BILLING_GATEWAY's). */
export type BillingWriteDeps = ServiceDeps & { paymentGateway?: PaymentGateway; gatewayIntents?: PaymentGatewayIntents };

export function paymentGatewayOf(config: BillingWriteConfig): PaymentGateway {
  if (config.BILLING_GATEWAY === 'STRIPE')
    return new StripeGateway({
      secretKey: config.STRIPE_SECRET_KEY!,
      apiBase: config.STRIPE_API_BASE,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? null,
      timeoutMs: config.BILLING_GATEWAY_TIMEOUT_MS,
    });
  return new TestGateway();
}

/** The intents and payouts side of the configured gateway. */
export function gatewayIntentsOf(config: BillingWriteConfig): PaymentGatewayIntents {
  if (config.BILLING_GATEWAY === 'STRIPE')
    return new StripeGatewayIntents({
      secretKey: config.STRIPE_SECRET_KEY!,
      apiBase: config.STRIPE_API_BASE,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? null,
      timeoutMs: config.BILLING_GATEWAY_TIMEOUT_MS,
    });
  return new TestGatewayIntents();
}

/** Starts the billing write subgraph and its outbox relay on the given bus. */
export async function startBillingWrite(config: BillingWriteConfig, deps: ServiceDeps): Promise<BillingWriteService> {
  const extra = deps as BillingWriteDeps;
  const paymentGateway = extra.paymentGateway ?? paymentGatewayOf(config);
  const gatewayIntents = extra.gatewayIntents ?? gatewayIntentsOf(config);
  const side = await startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [BILLING_TOPIC], config, deps },
    async ({ dataSource, relay, logger }) => {
      const kick = () => relay.kick();
      // payment methods are kept for contacts of the caller's tenant only (followed from contact events)
      const contacts = knownContacts(dataSource, { table: 'billing_contacts', groupId: 'billing-write.contacts' });
      const following = await contacts.follow(deps.bus);
      const methods = new PaymentMethodCommands(dataSource, registry, kick, contacts);
      const topups = new TopupCommands(
        dataSource,
        registry,
        kick,
        methods,
        new LedgerPort(serviceGateway(SUBGRAPH_NAME, config, deps)),
        paymentGateway,
        { timeoutMs: config.BILLING_GATEWAY_TIMEOUT_MS, lookups: 3, lookupDelayMs: 200 },
        logger,
      );
      // invoicing: subscriptions and prices folded from their domains' events, runs worked under a lease
      const sources = await followBillingSources(dataSource, deps.bus);
      const invoicing = new Invoicing(
        dataSource,
        registry,
        kick,
        new LedgerDocuments(serviceGateway(SUBGRAPH_NAME, config, deps)),
        { taxRate: config.BILLING_TAX_RATE, dueDays: config.BILLING_DUE_DAYS },
        logger,
      );
      const runs = new BillingRuns(
        dataSource,
        registry,
        kick,
        invoicing,
        { leaseMs: config.BILLING_RUN_LEASE_MS, pageSize: 100, pollMs: config.BILLING_RUN_POLL_MS, scheduleDaily: config.BILLING_SCHEDULE_DAILY },
        logger,
      );
      const worker = runs.run();
      const payments = new PaymentCommands(
        dataSource,
        registry,
        kick,
        contacts,
        methods,
        new LedgerPort(serviceGateway(SUBGRAPH_NAME, config, deps)),
        new PaymentsLedger(serviceGateway(SUBGRAPH_NAME, config, deps)),
        paymentGateway,
        gatewayIntents,
        { timeoutMs: config.BILLING_GATEWAY_TIMEOUT_MS, lookups: 3, lookupDelayMs: 200 },
        logger,
      );
      const stripe = paymentGateway instanceof StripeGateway ? paymentGateway : null;
      const app: BillingWriteApp = {
        methods,
        topups,
        payments,
        stripe,
        invoicing: { invoicing, runs, dataSource, statements: new Statements(dataSource) },
      };
      return { schema: await buildBillingWriteSchema(app), app, running: [following, ...sources, worker] };
    },
  );
  return Object.assign(side, { paymentGateway, gatewayIntents });
}
