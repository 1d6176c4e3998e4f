import type { SubgraphContext } from '@crm/platform/graphql';
import type { Grantor } from '../application/directory/grants';
import { metaOf } from './auth.resolver';

/** The caller as a grantor: their actor identity and the permissions they hold. */
export function grantorOf(ctx: SubgraphContext): Grantor {
  return { actor: metaOf(ctx).actor, permissions: ctx.principal.permissions };
}
