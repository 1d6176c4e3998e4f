import { z } from 'zod';
import { dbEnv, envBool, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({
  ...httpEnv('contacts-write'),
  ...dbEnv,
  ...kafkaEnv,
  ...outboxEnv,
  /** Runs the contact-registration process manager (identity events → contacts) in this process. */
  REGISTRATION_CONSUMER_ENABLED: envBool(true),
});

export type ContactsWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): ContactsWriteConfig {
  return parseEnv('contacts-write', envSchema, source);
}
