import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startWidgetsWrite } from './service';

/** Standalone process (the shape Kubernetes runs): widgets-write subgraph + outbox relay. */
runService({ name: 'widgets-write', envSchema, start: startWidgetsWrite });
