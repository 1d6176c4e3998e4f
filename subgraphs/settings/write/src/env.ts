import { z } from 'zod';
import { dbEnv, envInt, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES_PER_CONTACT } from './domain/file-policy';

export const envSchema = z.object({
  ...httpEnv('settings-write'),
  ...dbEnv,
  ...kafkaEnv,
  ...outboxEnv,
  /** Largest file accepted (bytes). At most 700000: the bytes cross the gateway base64-encoded, under the 1 MiB subgraph body limit. */
  FILE_MAX_BYTES: envInt(DEFAULT_MAX_FILE_BYTES, 1, 700_000),
  /** Files one contact may keep (uploads beyond are refused until it deletes some). */
  FILES_PER_CONTACT_MAX: envInt(DEFAULT_MAX_FILES_PER_CONTACT, 1, 100_000),
  /** The HMAC secret of media upload signatures (at least 32 characters; every replica the same). Unset: each process signs with its own random one. */
  MEDIA_SIGNING_SECRET: z.string().min(32).optional(),
  /** How long a media upload signature is good for (seconds). */
  MEDIA_SIGNATURE_TTL_SECONDS: envInt(900, 30, 86_400),
});

export type SettingsWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): SettingsWriteConfig {
  return parseEnv('settings-write', envSchema, source);
}
