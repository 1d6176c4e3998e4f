import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startWidgetsRead } from './service';

/**
 * Standalone process: the widgets-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'widgets-read', envSchema, start: startWidgetsRead });
