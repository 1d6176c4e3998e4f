import { AppError } from '@crm/platform/errors';
import { GatewayCallError, type GatewayClient } from '@crm/platform/clients';
import type { CommandMeta, UnitOfWork } from '../unit-of-work';
import type { Sessions, TokenPair } from '../auth/sessions';

/** What the contacts domain says of a member's place in an owner's community. */
export interface Membership {
  state: string;
  isAdmin: boolean;
  permissions: string[];
}

/** The contacts domain, asked through the gateway (a service principal holding contacts.read only). */
export class CommunityMembershipPort {
  constructor(private readonly gateway: GatewayClient) {}

  async membership(tenantId: string, ownerId: string, memberId: string): Promise<Membership | null> {
    try {
      const data = await this.gateway.execute<{ communityMembership: Membership | null }>({
        tenantId,
        permissions: ['contacts.read'] as const,
        query: `query IdentityCommunityMembership($ownerId: ID!, $memberId: ID!) { communityMembership(ownerId: $ownerId, memberId: $memberId) { state isAdmin permissions } }`,
        variables: { ownerId, memberId },
      });
      return data.communityMembership;
    } catch (err) {
      if (err instanceof GatewayCallError && err.code === 'VALIDATION') return null;
      if (err instanceof GatewayCallError)
        throw new AppError('UNAVAILABLE', 'the community could not be checked; try again', { reason: 'TEMPORARILY_UNAVAILABLE' });
      throw err;
    }
  }
}

/**
 * Whether a membership lets the member act as the owner: accepted, and an administrator or
 * holding FULL_ACCESS. A narrower grant (e.g. ORDERS_MANAGEMENT alone) is refused: the tokens a
 * switch issues act as the owner in full, and nothing narrower can be issued yet.
 */
export function switchAllowed(m: Membership | null): boolean {
  return m !== null && m.state === 'ACCEPTED' && (m.isAdmin || m.permissions.includes('FULL_ACCESS'));
}

/** POST /contacts/{ownerId}/switch: a member of the owner's community signs in as the owner. */
export class ContactSwitch {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: Sessions,
    private readonly port: CommunityMembershipPort | null,
  ) {}

  async switchTo(meta: CommandMeta, memberId: string, ownerId: string): Promise<TokenPair> {
    if (memberId === ownerId) throw AppError.validation('id', 'a contact cannot switch to itself', 'INVALID_VALUE');
    if (!this.port) throw new AppError('UNAVAILABLE', 'community switching is not configured', { reason: 'TEMPORARILY_UNAVAILABLE' });
    const membership = await this.port.membership(meta.tenantId, ownerId, memberId);
    // not a member (or another tenant's contact): nothing to reveal
    if (!membership) throw new AppError('NOT_FOUND', `contact ${ownerId} was not found`, { reason: 'CONTACT_NOT_FOUND' });
    if (!switchAllowed(membership))
      throw new AppError('FORBIDDEN', 'the community relation does not allow acting as its owner (needs is_admin or FULL_ACCESS)', {
        reason: 'COMMUNITY_SWITCH_NOT_ALLOWED',
      });
    return this.uow.run(meta, (tx) =>
      this.sessions.start(tx, { kind: 'contact', id: ownerId, audience: 'crm-self-service', organisationId: tx.tenantId }),
    );
  }
}
