import { z } from 'zod';
import { dbEnv, envInt, envUrl, httpEnv, kafkaEnv, parseEnv, readSideEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({
  ...httpEnv('settings-read'),
  ...dbEnv,
  ...kafkaEnv,
  ...readSideEnv,
  /** The Google Places API key of the address lookup; unset → the lookup answers 400 ADDRESS_LOOKUP_NOT_CONFIGURED. */
  ADDRESS_LOOKUP_API_KEY: z.string().min(1).optional(),
  /** Where the Places API is (a stand-in in tests). */
  ADDRESS_LOOKUP_BASE_URL: envUrl(['https', 'http']).default('https://maps.googleapis.com'),
  /** How long one lookup may take before it is a 503. */
  ADDRESS_LOOKUP_TIMEOUT_MS: envInt(5_000, 100, 60_000),
});

export type SettingsReadConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): SettingsReadConfig {
  return parseEnv('settings-read', envSchema, source);
}
