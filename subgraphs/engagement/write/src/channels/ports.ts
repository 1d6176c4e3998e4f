/** One message to deliver, as a channel adapter sees it. */
export interface OutgoingMessage {
  /** The communication's id (the email's Message-ID, the SMS's reference): a receiver can drop a redelivery. */
  id: string;
  from: string | null;
  to: string;
  subject: string | null;
  content: string;
}

/** A channel adapter: resolves with the provider's message id, or throws (a `DeliveryError`, or anything: retried). */
export interface ChannelSender {
  send(message: OutgoingMessage): Promise<{ providerId: string | null }>;
  close?(): Promise<void> | void;
}

/** A failed delivery; `permanent`: retrying cannot help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** A channel nothing is configured for: every send fails permanently (recorded FAILED). */
export const unconfigured = (channel: string): ChannelSender => ({
  send: () => Promise.reject(new DeliveryError(`no ${channel} adapter is configured`, true)),
});
