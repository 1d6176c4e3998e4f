import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startRewardsWrite } from './service';

/** Standalone process (the shape Kubernetes runs): rewards-write subgraph + outbox relay. */
runService({ name: 'rewards-write', envSchema, start: startRewardsWrite });
