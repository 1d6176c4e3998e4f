import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startOrdersWrite } from './service';

/** Standalone process (the shape Kubernetes runs): orders-write subgraph + outbox relay. */
runService({ name: 'orders-write', envSchema, start: startOrdersWrite });
