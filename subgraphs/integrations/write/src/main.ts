import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startIntegrationsWrite } from './service';

/** Standalone process (the shape Kubernetes runs): integrations-write subgraph + outbox relay. */
runService({ name: 'integrations-write', envSchema, start: startIntegrationsWrite });
