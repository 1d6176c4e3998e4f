// Shared scaffolding for the event-bus tests (polling waits and sample events).
// Not a *.test.ts file, so the test runner does not run it on its own; exported as @crm/event-bus/testing.
import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '../envelope';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every 10 ms; fails naming `what` once `timeoutMs` have passed. */
export async function waitFor(what: string, timeoutMs: number, cond: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** A valid contact.tags_set envelope (tags [`v<version>`]) with a fresh id; `extra` overrides envelope fields. */
export function tagsSetEvent(aggregateId: string = randomUUID(), version = 1, extra: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    id: randomUUID(),
    type: 'contact.tags_set',
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType: 'contact',
    aggregateId,
    aggregateVersion: version,
    occurredAt: new Date().toISOString(),
    correlationId: 'corr',
    causationId: null,
    actor: { kind: 'system', id: null },
    data: { tags: [`v${version}`] },
    ...extra,
  };
}
