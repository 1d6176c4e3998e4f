import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret as Standard Webhooks spells it: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface WebhookMessage {
  /** The event id: the same on every attempt and replay, so receivers dedupe on it. */
  id: string;
  /** When this attempt is sent. */
  timestamp: Date;
  body: string;
}

/**
 * The three Standard Webhooks headers of one attempt, signed by the reference library
 * (`standardwebhooks`): `webhook-signature` carries one `v1,<base64 HMAC-SHA256>` per signing
 * secret, space-separated (during a rotation's overlap: the new secret's and the old one's).
 */
export function webhookHeaders(secrets: readonly string[], message: WebhookMessage): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(message.id, message.timestamp, message.body));
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(message.timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
