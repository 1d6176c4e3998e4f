import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startContactsWrite } from './service';

/** Standalone process (the shape Kubernetes runs): contacts-write subgraph + outbox relay. */
runService({ name: 'contacts-write', envSchema, start: startContactsWrite });
