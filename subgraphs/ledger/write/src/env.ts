import { z } from 'zod';
import { dbEnv, envBool, httpEnv, kafkaEnv, outboxEnv, parseEnv, type EnvSource } from '@crm/platform/config';

export const envSchema = z.object({
  ...httpEnv('ledger-write'),
  ...dbEnv,
  ...kafkaEnv,
  ...outboxEnv,
  /** Currency of the wallet and primary account every new contact gets (ISO-4217). */
  LEDGER_DEFAULT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO-4217 code such as EUR')
    .default('EUR'),
  /** Opens a wallet for every created contact (contacts events → ledger) in this process. */
  WALLET_CONSUMER_ENABLED: envBool(true),
  /** How often the durable schedule expires due lots and reservations (ms); 0 turns it off in this process. */
  /** How long a rotating wallet code (GET /self-service/v2/wallets/{id}/code) names the wallet, in seconds. */
  LEDGER_WALLET_CODE_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(120),
  /** How long a wallet one-time code (POST /self-service/v2/wallets/otp, flow 16) is valid, in seconds. */
  LEDGER_WALLET_OTP_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  LEDGER_SCHEDULE_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
});

export type LedgerWriteConfig = z.infer<typeof envSchema>;

export function parseConfig(source: EnvSource): LedgerWriteConfig {
  return parseEnv('ledger-write', envSchema, source);
}
