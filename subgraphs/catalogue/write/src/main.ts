import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startCatalogueWrite } from './service';

/** Standalone process (the shape Kubernetes runs): catalogue-write subgraph + outbox relay. */
runService({ name: 'catalogue-write', envSchema, start: startCatalogueWrite });
