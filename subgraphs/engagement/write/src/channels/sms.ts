import type { Logger } from 'pino';
import { type ChannelSender, unconfigured } from './ports';

/**
 * The SMS channel is a port: a provider adapter (the integrations domain's) plugs in here.
 * `log` (development) writes each message to the log and counts it delivered; `none` fails every
 * SMS permanently (recorded FAILED).
 */
export function smsSender(adapter: 'log' | 'none', logger: Logger): ChannelSender {
  if (adapter === 'none') return unconfigured('SMS');
  return {
    send: (message) => {
      logger.info({ communicationId: message.id, to: message.to }, `SMS (log adapter): ${message.content}`);
      return Promise.resolve({ providerId: null });
    },
  };
}
