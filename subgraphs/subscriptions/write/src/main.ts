import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startSubscriptionsWrite } from './service';

/** Standalone process (the shape Kubernetes runs): subscriptions-write subgraph + outbox relay. */
runService({ name: 'subscriptions-write', envSchema, start: startSubscriptionsWrite });
