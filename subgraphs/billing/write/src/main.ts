import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startBillingWrite } from './service';

/** Standalone process (the shape Kubernetes runs): billing-write subgraph + outbox relay. */
runService({ name: 'billing-write', envSchema, start: startBillingWrite });
