import type { GatewayClient } from '@crm/platform/clients';
import { AppError } from '@crm/platform/errors';
import type { WalletIdentity } from '@crm/event-bus/contracts/ledger';
import type { WalletOtpSender } from './wallet-links';

interface UserErr {
  code: string;
  reason: string;
  message: string;
}

/**
 * Sends a wallet one-time code through the engagement domain (`sendCommunication`, through the
 * gateway with a service principal holding engagement.write): EMAIL to an e-mail identity, SMS to a
 * phone. It goes to the address only, never to a contact's inbox (the contact asking must not read
 * a code meant for the identity's owner). The challenge id is the idempotency key: a retry sends once.
 */
export class GatewayOtpSender implements WalletOtpSender {
  constructor(private readonly gateway: GatewayClient) {}

  async send(tenantId: string, identity: WalletIdentity, code: string, challengeId: string, ttlSeconds: number): Promise<void> {
    const minutes = Math.max(1, Math.round(ttlSeconds / 60));
    const data = await this.gateway.execute<{ sendCommunication: { errors: UserErr[] } }>({
      tenantId,
      permissions: ['engagement.write'] as const,
      query: `mutation WalletOtp($input: SendCommunicationInput!, $key: String) { sendCommunication(input: $input, idempotencyKey: $key) { errors { code reason message } } }`,
      variables: {
        key: `wallet-otp-${challengeId}`,
        input: {
          name: 'Wallet one-time code',
          channel: identity.type === 'EMAIL' ? 'EMAIL' : 'SMS',
          language: 'ENG',
          contactId: null,
          recipient: identity.type === 'EMAIL' ? identity.value : `+${identity.value}`,
          subject: identity.type === 'EMAIL' ? 'Your wallet code' : null,
          content: `Your wallet one-time code is ${code}. It is valid for ${minutes} minute${minutes === 1 ? '' : 's'}. If you did not ask for it, ignore this message.`,
        },
      },
    });
    const refused = data.sendCommunication.errors[0];
    if (refused) throw new AppError('UNAVAILABLE', `the one-time code could not be sent: ${refused.message}`, { reason: 'TEMPORARILY_UNAVAILABLE' });
  }
}
