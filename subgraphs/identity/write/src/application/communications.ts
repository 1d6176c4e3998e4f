import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import type { Tx } from './unit-of-work';

export interface OutgoingMessage {
  channel: 'EMAIL' | 'SMS';
  to: string;
  subject: string;
  body: string;
}

/** The communications port: OTP codes, reset and verification links leave through it. */
export interface Communications {
  send(tx: Tx, message: OutgoingMessage): Promise<void>;
}

/**
 * Development outbox: messages are stored (in the sending transaction) where a tester can read
 * them (`GET /dev/outbox` on the gateway). Refused by configuration when NODE_ENV=production.
 */
export class DevOutbox implements Communications {
  async send(tx: Tx, m: OutgoingMessage): Promise<void> {
    await tx.m.query(`INSERT INTO dev_outbox (tenant_id, channel, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      tx.tenantId,
      m.channel,
      m.to,
      m.subject,
      m.body,
      tx.now,
    ]);
  }
}

/** No provider configured: flows that must send something answer 503 instead of pretending. */
export class NoCommunications implements Communications {
  constructor(private readonly logger: Logger) {}

  async send(_tx: Tx, m: OutgoingMessage): Promise<void> {
    this.logger.error({ channel: m.channel }, 'no communications provider is configured; cannot send');
    throw new AppError('UNAVAILABLE', `no ${m.channel === 'SMS' ? 'SMS' : 'email'} provider is configured`, { reason: 'COMMUNICATIONS_UNAVAILABLE' });
  }
}
