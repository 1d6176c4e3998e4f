import { z } from 'zod';

/** One envelope for every event of every domain (DESIGN.md §4). */
export const actorSchema = z.object({
  kind: z.enum(['user', 'contact', 'service', 'anonymous', 'system']),
  id: z.string().max(128).nullable(),
});
export type Actor = z.infer<typeof actorSchema>;

export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'dotted lower-case noun.past_tense_verb'),
  schemaVersion: z.number().int().min(1),
  tenantId: z.string().min(1).max(64),
  aggregateType: z.string().min(1).max(64),
  aggregateId: z.string().min(1).max(64),
  aggregateVersion: z.number().int().min(1),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().max(128),
  causationId: z.string().max(128).nullable(),
  actor: actorSchema,
  data: z.unknown(),
});

export interface EventEnvelope<D = unknown> {
  id: string;
  type: string;
  schemaVersion: number;
  tenantId: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  /** ISO-8601 UTC. */
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  data: D;
}

/** Topic naming: `crm.<domain>.events`, with a `.dlq` twin. */
export const topicOf = (domain: string): string => `crm.${domain}.events`;
export const dlqOf = (topic: string): string => `${topic}.dlq`;
