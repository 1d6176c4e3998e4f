import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkUrlShape, type LookupFunction, type WebhookUrlPolicy } from './url-guard';

export interface SendResult {
  /** The receiver's status; null when no answer came (refused, timed out, guard). */
  status: number | null;
  retryAfter: string | null;
  /** Why no answer came (short, for the delivery log). */
  error: string | null;
}

export type Send = (url: string, headers: Record<string, string>, body: string) => Promise<SendResult>;

/** Bytes of a receiver's answer read before the connection is dropped (its body is not kept). */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One POST to a receiver: the SSRF guard again before connecting (IP literals here, names in
 * `lookup`), no redirects followed (a 3xx is an answer like any other), no connection reuse, and a
 * deadline for the whole exchange.
 */
export function httpSender(options: { policy: WebhookUrlPolicy; lookup: LookupFunction; timeoutMs: number; userAgent: string }): Send {
  return (target, headers, body) =>
    new Promise<SendResult>((resolve) => {
      let url: URL;
      try {
        url = checkUrlShape(target, options.policy);
      } catch (err) {
        resolve({ status: null, retryAfter: null, error: `refused: ${(err as Error).message}` });
        return;
      }
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      let settled = false;
      const done = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = request(
        url,
        {
          method: 'POST',
          agent: false,
          lookup: options.lookup,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': options.userAgent,
          },
        },
        (res: IncomingMessage) => {
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_ANSWER_BYTES) res.destroy();
          });
          const finish = () => {
            const retryAfter = res.headers['retry-after'];
            done({ status: res.statusCode ?? null, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, error: null });
          };
          res.on('end', finish);
          res.on('close', finish);
          res.on('error', finish);
        },
      );
      const timer = setTimeout(() => {
        req.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) =>
        done({ status: null, retryAfter: null, error: (err.code ? `${err.code}: ` : '') + err.message }),
      );
      req.end(body);
    });
}
