import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startSettingsRead } from './service';

/**
 * Standalone process: the settings-read subgraph and/or its projector (PROCESS_ROLE all | api |
 * projector), the shapes Kubernetes runs as two Deployments of one image.
 */
runService({ name: 'settings-read', envSchema, start: startSettingsRead });
