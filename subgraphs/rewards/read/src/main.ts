import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startRewardsRead } from './service';

/**
 * Standalone process: the rewards-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'rewards-read', envSchema, start: startRewardsRead });
