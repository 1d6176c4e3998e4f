import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startIdentityWrite } from './service';

/** Standalone process (the shape Kubernetes runs): identity-write subgraph + outbox relay. */
runService({ name: 'identity-write', envSchema, start: startIdentityWrite });
