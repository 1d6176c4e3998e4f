import { z } from 'zod';
import { dbEnv, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({ ...httpEnv('integrations-read'), ...dbEnv, ...kafkaEnv, ...readSideEnv });

export type IntegrationsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): IntegrationsReadConfig {
  return parseEnv('integrations-read', envSchema, source);
}
