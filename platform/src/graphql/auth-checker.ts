import type { AuthChecker } from 'type-graphql';
import { isAllowed } from '../auth/principal';
import type { SubgraphContext } from './context';

/**
 * type-graphql auth checker: `@Authorized([...rule])` lists permissions (any-of), plus `self`
 * for contact principals (ownership checked in the resolver) and `public` for anonymous callers.
 * Fields without @Authorized are denied by the schema test, not here.
 */
export const principalAuthChecker: AuthChecker<SubgraphContext> = ({ context }, rule) => isAllowed(context.principal, rule);
