import nodemailer from 'nodemailer';
import { DeliveryError, type ChannelSender, type OutgoingMessage } from './ports';

/**
 * The EMAIL channel over SMTP (nodemailer): `smtpUrl` such as `smtp://user:pass@host:587` or
 * `smtps://…`. A 5xx reply is permanent (the server will not take it); connection errors, time-outs
 * and 4xx replies are retried.
 */
export function smtpEmailSender(smtpUrl: string, timeoutMs = 15_000): ChannelSender {
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as never);
  return {
    async send(message: OutgoingMessage) {
      try {
        const info = (await transport.sendMail({
          from: message.from ?? undefined,
          to: message.to,
          subject: message.subject ?? '',
          text: message.content,
          messageId: `<${message.id}@crm.communications>`,
          headers: { 'X-Communication-Id': message.id },
        })) as { messageId?: string };
        return { providerId: info.messageId ?? null };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        throw new DeliveryError(`SMTP: ${(err as Error).message}`.slice(0, 1000), typeof code === 'number' && code >= 500);
      }
    },
    close: () => transport.close(),
  };
}
