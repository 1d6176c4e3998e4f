import { waitForVersion, type ConsistencyToken } from '@crm/platform/graphql';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { appliedSignal, type IdentityProjector } from '../consumers/identity-events.consumer';
import type { IdentityViews } from '../persistence/identity-views';

const IDENTITY_AGGREGATES: ReadonlySet<string> = new Set(Object.values(AGGREGATES));

/**
 * Read-your-writes for the identity read side: waits until every identity token of the request
 * (`user:<id>:<version>`, `role:…`, `api_key:…`) is applied, up to `waitMs`; tokens of other
 * domains are left to their read sides. False when time ran out.
 */
export function identityTokenWaiter(views: IdentityViews, projector: IdentityProjector | null, waitMs: number) {
  return async (tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> => {
    const mine = tokens.filter((t) => IDENTITY_AGGREGATES.has(t.aggregateType));
    const results = await Promise.all(
      mine.map((t) =>
        waitForVersion(
          t.version,
          () => views.appliedVersion(tenantId, t.aggregateType, t.aggregateId),
          projector ? { emitter: projector.applied, event: appliedSignal(tenantId, t.aggregateType, t.aggregateId) } : null,
          waitMs,
        ),
      ),
    );
    return results.every(Boolean);
  };
}
