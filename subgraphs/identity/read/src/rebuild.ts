import type { Logger } from 'pino';
import { rebuildIntoShadow, type KafkaBus, type ShadowRebuildResult } from '@crm/event-bus';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { IdentityProjector } from './consumers/identity-events.consumer';
import { databaseConfig } from './persistence/database';

/** Rebuilds `identity_read` from the identity topic into a shadow schema and swaps it in (`npm run rebuild -- identity-read`). */
export function rebuildIdentityRead(deps: { bus: KafkaBus; databaseUrl: string; logger: Logger }): Promise<ShadowRebuildResult> {
  return rebuildIntoShadow({
    bus: deps.bus,
    topics: [IDENTITY_TOPIC],
    database: { ...databaseConfig({ DATABASE_URL: deps.databaseUrl, DATA_DIR: '.data' }, deps.logger), databaseUrl: deps.databaseUrl },
    handlerFor: (shadow) => new IdentityProjector(shadow, deps.logger).handle,
    logger: deps.logger,
  });
}
