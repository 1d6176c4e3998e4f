import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('ledger-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type LedgerReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): LedgerReadConfig {
  return parseEnv('ledger-read', envSchema, source);
}
