import { registry, type Subscription } from '@crm/event-bus';
import { serviceGateway, startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { LEDGER_TOPIC } from '@crm/event-bus/contracts/ledger';
import { LedgerCommands } from './application/ledger-commands';
import { LedgerSettingsCommands } from './application/settings-commands';
import { WalletLinkCommands } from './application/wallet-links';
import { GatewayOtpSender } from './application/otp-sender';
import { ContactWalletsProcess } from './process-managers/contact-wallets.process';
import { LedgerSchedule } from './schedule/ledger-schedule';
import { databaseConfig } from './persistence/database';
import { buildLedgerWriteSchema, SUBGRAPH_NAME } from './schema';
import type { LedgerWriteConfig } from './env';

export interface LedgerWriteService extends WriteSide {
  commands: LedgerCommands;
  settings: LedgerSettingsCommands;
  links: WalletLinkCommands;
  wallets: Subscription | null;
  schedule: LedgerSchedule;
}

/** Starts the ledger write subgraph (wallet OTPs leave through the gateway: engagement's sendCommunication), its outbox relay, the contact-wallets process manager and the expiry schedule. */
export function startLedgerWrite(config: LedgerWriteConfig, deps: ServiceDeps): Promise<LedgerWriteService> {
  return startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [LEDGER_TOPIC], config, deps },
    async ({ dataSource, relay, logger }) => {
      const commands = new LedgerCommands(dataSource, registry, () => relay.kick(), config.LEDGER_DEFAULT_CURRENCY);
      const settings = new LedgerSettingsCommands(dataSource, registry, () => relay.kick(), config.LEDGER_WALLET_CODE_TTL_SECONDS);
      const links = new WalletLinkCommands(
        dataSource,
        registry,
        () => relay.kick(),
        commands,
        new GatewayOtpSender(serviceGateway(SUBGRAPH_NAME, config, deps)),
        config.INTERNAL_AUTH_SECRET,
        config.LEDGER_WALLET_OTP_TTL_SECONDS,
      );
      const wallets = config.WALLET_CONSUMER_ENABLED ? await new ContactWalletsProcess(commands, logger).start(deps.bus) : null;
      const schedule = new LedgerSchedule(commands, config.LEDGER_SCHEDULE_INTERVAL_MS, logger).start();
      return {
        schema: await buildLedgerWriteSchema(commands, settings, links),
        running: [...(wallets ? [wallets] : []), schedule],
        app: { commands, settings, links, wallets, schedule },
      };
    },
  );
}
