import { Authorized as typeGraphQLAuthorized, type AuthChecker } from 'type-graphql';
import { isAllowed, type AuthRule } from '../auth/principal';
import { AppError } from '../errors/app-error';
import type { SubgraphContext } from './context';

/**
 * type-graphql auth checker: `@Authorized([...rule])` lists permissions (any-of), plus `self`
 * for contact principals (ownership checked in the resolver) and `public` for anonymous callers.
 * A refusal says why: UNAUTHENTICATED for anonymous callers, FORBIDDEN for everyone else.
 */
export const principalAuthChecker: AuthChecker<SubgraphContext> = ({ context }, rule) => {
  // rules are typed where declared (Authorized below); type-graphql hands them back as strings
  if (isAllowed(context.principal, rule as AuthRule[])) return true;
  if (context.principal.kind === 'anonymous') {
    throw new AppError('UNAUTHENTICATED', 'authentication is required for this operation', { reason: 'AUTHENTICATION_REQUIRED' });
  }
  throw new AppError('FORBIDDEN', 'you are not allowed to perform this operation', { reason: 'PERMISSION_DENIED' });
};

/**
 * `@Authorized([...])` with catalogued permission names (platform/src/auth/permissions.ts): a
 * permission missing from the catalogue does not compile.
 */
export function Authorized(rule: readonly AuthRule[]): ReturnType<typeof typeGraphQLAuthorized> {
  return typeGraphQLAuthorized([...rule]);
}
