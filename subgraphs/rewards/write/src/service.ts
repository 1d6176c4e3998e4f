import { registry } from '@crm/event-bus';
import { AppError } from '@crm/platform/errors';
import { serviceGateway, startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { REWARDS_TOPIC } from '@crm/event-bus/contracts/rewards';
import { RewardsCommands } from './application/rewards-commands';
import { PurchaseService } from './application/purchase-service';
import { StepRunner } from './application/step-runner';
import { LedgerGateway } from './application/ledger-port';
import { GivingService } from './giving/application/giving-service';
import { GivingLedger } from './giving/application/giving-ledger';
import { ReferralCodes } from './giving/persistence/referral-codes';
import { PassesService } from './application/passes/passes-service';
import { PassLedger } from './application/passes/pass-ledger';
import { ReclaimService } from './application/reclaim/reclaim-service';
import { databaseConfig } from './persistence/database';
import { buildRewardsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { RewardsWriteConfig } from './env';

export interface RewardsWriteService extends WriteSide {
  commands: RewardsCommands;
  purchases: PurchaseService;
  steps: StepRunner;
  giving: GivingService;
  passes: PassesService;
}

/** Starts the rewards write subgraph, its outbox relay and the purchase step runner (the award process manager). */
export function startRewardsWrite(config: RewardsWriteConfig, deps: ServiceDeps): Promise<RewardsWriteService> {
  return startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [REWARDS_TOPIC], config, deps },
    async ({ dataSource, relay, logger }) => {
      const commands = new RewardsCommands(dataSource, registry, () => relay.kick());
      const gateway = serviceGateway(SUBGRAPH_NAME, config, deps);
      const ledger = new LedgerGateway(gateway);
      const steps = new StepRunner(dataSource, commands, ledger, logger, { pollMs: config.REWARDS_STEP_POLL_MS, quietMs: 1000 }).start();
      const purchases = new PurchaseService(commands, ledger, steps, config.REWARDS_DEFAULT_CURRENCY, logger, config.REWARDS_TOKEN_TTL_SECONDS);
      // referrals and donations (giving/): referral codes followed from contact events, awards and donations posted once
      const codes = new ReferralCodes(dataSource);
      const following = await codes.follow(deps.bus);
      const giving = new GivingService(
        dataSource,
        registry,
        () => relay.kick(),
        new GivingLedger(gateway),
        codes,
        logger,
        config.REWARDS_GIVING_POLL_MS,
        async (t, c) =>
          (await ledger.contactId(t, c).catch(() => {
            throw new AppError('UNAVAILABLE', 'the contacts domain is not reachable; retry', { reason: 'LEDGER_UNAVAILABLE' });
          })) !== null,
      ).start();
      const passes = new PassesService(
        dataSource,
        registry,
        () => relay.kick(),
        new PassLedger(gateway),
        logger,
        config.REWARDS_STEP_POLL_MS,
      ).start();
      return {
        schema: await buildRewardsWriteSchema(
          commands,
          purchases,
          giving,
          passes,
          new ReclaimService(dataSource, registry, () => relay.kick(), purchases, config.REWARDS_DEFAULT_CURRENCY),
        ),
        running: [steps, giving, following, passes],
        app: { commands, purchases, steps, giving, passes },
      };
    },
  );
}
