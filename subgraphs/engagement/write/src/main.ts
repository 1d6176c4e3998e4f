import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startEngagementWrite } from './service';

/** Standalone process (the shape Kubernetes runs): engagement-write subgraph + outbox relay. */
runService({ name: 'engagement-write', envSchema, start: startEngagementWrite });
