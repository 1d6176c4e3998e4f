import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startContactsRead } from './service';

/**
 * Standalone process: the contacts-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'contacts-read', envSchema, start: startContactsRead });
