import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { SubscriptionMutationsResolver } from './graphql/subscription-mutations.resolver';
import { EstimateResolver } from './graphql/estimate.resolver';
import { DeviceMutationsResolver } from './graphql/device-mutations.resolver';
import type { SubscriptionCommands } from './application/subscription-commands';
import type { DeviceCommands } from './application/device-commands';
import { UsageMutationsResolver } from './graphql/usage-mutations.resolver';
import type { UsageCommands } from './application/usage-commands';
import { ProvisioningMutationsResolver } from './graphql/provisioning-mutations.resolver';
import type { ProvisioningCommands } from './application/provisioning-commands';

export const SUBGRAPH_NAME = 'subscriptions-write';

export function buildSubscriptionsWriteSchema(
  commands: SubscriptionCommands | null,
  dataSource: DataSource | null = null,
  devices: DeviceCommands | null = null,
  usage: UsageCommands | null = null,
  provisioning: ProvisioningCommands | null = null,
  contactExists: ((tenantId: string, contactId: string) => Promise<boolean>) | null = null,
): Promise<GraphQLSchema> {
  const mutations = new SubscriptionMutationsResolver(commands as SubscriptionCommands, contactExists);
  const estimates = new EstimateResolver(dataSource);
  const deviceMutations = new DeviceMutationsResolver(devices as DeviceCommands);
  const usageMutations = new UsageMutationsResolver(usage as UsageCommands);
  const provisioningMutations = new ProvisioningMutationsResolver(provisioning as ProvisioningCommands);
  const instances = new Map<unknown, unknown>([
    [EstimateResolver, estimates],
    [DeviceMutationsResolver, deviceMutations],
    [UsageMutationsResolver, usageMutations],
    [ProvisioningMutationsResolver, provisioningMutations],
  ]);
  return buildFederatedSchema({
    resolvers: [SubscriptionMutationsResolver, EstimateResolver, DeviceMutationsResolver, UsageMutationsResolver, ProvisioningMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls: unknown) => instances.get(cls) ?? mutations },
  });
}

/** SDL for composition (no database needed). */
export async function printSubscriptionsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildSubscriptionsWriteSchema(null));
}
