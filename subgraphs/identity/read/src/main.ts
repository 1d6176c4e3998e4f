import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startIdentityRead } from './service';

/**
 * Standalone process: the identity-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'identity-read', envSchema, start: startIdentityRead });
