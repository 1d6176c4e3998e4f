import 'reflect-metadata';
import type { Logger } from 'pino';
import type { EnvSource } from '@crm/platform/config';
import type { ReadinessCheck } from '@crm/platform/http';
import type { InProcessGraphQL } from '@crm/platform/graphql';
import type { ServiceEntry } from '@crm/platform/registry';
import type { KafkaBus, ShadowRebuildResult } from '@crm/event-bus';
import type { ServiceDeps } from '@crm/event-bus/service';

/** What every registered service's package exports (under the names services.json gives). */
export interface ServiceModule {
  parseConfig(env: EnvSource): unknown;
  start(config: unknown, deps: ServiceDeps): Promise<RunningService>;
  printSdl(): Promise<string>;
  rebuild?: (deps: { bus: KafkaBus; databaseUrl: string; logger: Logger }) => Promise<ShadowRebuildResult>;
}

/** The part of a started service the launcher uses. */
export interface RunningService {
  /** Its HTTP endpoint; `inProcess` is its /graphql as a function (startSubgraphService), for the gateway beside it. */
  http?: { url: string; inProcess?: InProcessGraphQL } | null;
  /** Write sides: the outbox relay (replayed into the in-process bus at start). */
  relay?: {
    replayAll(): Promise<unknown>;
    awaitPublished?(timeoutMs: number, upTo?: string): Promise<boolean>;
    /** In-process bus: replays after the clean-stop marker (its groups) or everything (null). */
    replayIntoInProcessBus?(): Promise<{ rows: number; marker: { after: string; groups: Record<string, string[]> } | null }>;
    lastCommittedId?(): Promise<string>;
    recordCleanStop?(after: string, groups: Record<string, string[]>, checkedSince: Date): Promise<void>;
  };
  /** Read sides: readiness checks (caught up since start) the in-process gateway's /readyz includes. */
  readiness?: ReadinessCheck[];
  stop(): Promise<void>;
}

/**
 * Loads the package services.json names for a service and picks its exports. Only compose, the
 * launcher and the rebuild CLI load subgraph code this way; the gateway reads the registry as data.
 */
export async function loadServiceModule(entry: ServiceEntry): Promise<ServiceModule> {
  const mod = (await import(entry.package)) as Record<string, unknown>;
  const pick = <T>(key: keyof ServiceEntry['exports'], required: boolean): T | undefined => {
    const name = entry.exports[key];
    if (name === undefined) return undefined;
    const value = mod[name];
    if (typeof value !== 'function') {
      if (!required && value === undefined) return undefined;
      throw new Error(`services.json: ${entry.name}.exports.${key} names "${name}", which ${entry.package} does not export as a function`);
    }
    return value as T;
  };
  return {
    parseConfig: pick<ServiceModule['parseConfig']>('parseConfig', true)!,
    start: pick<ServiceModule['start']>('start', true)!,
    printSdl: pick<ServiceModule['printSdl']>('printSdl', true)!,
    ...(entry.exports.rebuild ? { rebuild: pick<NonNullable<ServiceModule['rebuild']>>('rebuild', true)! } : {}),
  };
}
