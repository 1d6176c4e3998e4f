import { runService } from '@crm/event-bus/service';
import { envSchema } from './env';
import { startSettingsWrite } from './service';

/** Standalone process (the shape Kubernetes runs): settings-write subgraph + outbox relay. */
runService({ name: 'settings-write', envSchema, start: startSettingsWrite });
