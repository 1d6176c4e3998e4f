import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startSubscriptionsRead } from './service';

/**
 * Standalone process: the subscriptions-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'subscriptions-read', envSchema, start: startSubscriptionsRead });
