import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startEngagementRead } from './service';

/**
 * Standalone process: the engagement-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'engagement-read', envSchema, start: startEngagementRead });
