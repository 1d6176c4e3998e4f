import { registry } from '@crm/event-bus';
import { serviceGateway, startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { REWARDS_TOPIC } from '@crm/event-bus/contracts/rewards';
import { RewardsCommands } from './application/rewards-commands';
import { PurchaseService } from './application/purchase-service';
import { StepRunner } from './application/step-runner';
import { LedgerGateway } from './application/ledger-port';
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
  passes: PassesService;
}

/** Starts the rewards write subgraph, its outbox relay and the purchase step runner (the award process manager). */
export function startRewardsWrite(config: RewardsWriteConfig, deps: ServiceDeps): Promise<RewardsWriteService> {
  return startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [REWARDS_TOPIC], config, deps },
    async ({ dataSource, relay, logger }) => {
      const commands = new RewardsCommands(dataSource, registry, () => relay.kick());
      const ledger = new LedgerGateway(serviceGateway(SUBGRAPH_NAME, config, deps));
      const steps = new StepRunner(dataSource, commands, ledger, logger, { pollMs: config.REWARDS_STEP_POLL_MS, quietMs: 1000 }).start();
      const purchases = new PurchaseService(commands, ledger, steps, config.REWARDS_DEFAULT_CURRENCY, logger, config.REWARDS_TOKEN_TTL_SECONDS);
      const gateway = serviceGateway(SUBGRAPH_NAME, config, deps);
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
          passes,
          new ReclaimService(dataSource, registry, () => relay.kick(), purchases, config.REWARDS_DEFAULT_CURRENCY),
        ),
        running: [steps, passes],
        app: { commands, purchases, steps, passes },
      };
    },
  );
}
