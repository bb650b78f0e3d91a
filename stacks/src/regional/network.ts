/** The region's VPC, from the region's configuration; the pipeline function runs in it when lambda.attachToVpc. */
import { partitionOf, type RegionConfig } from '@llm/config';
import { Vpc } from '@llm/constructs/vpc';
import type { ProjectStack } from '../project-stack';

export function addNetwork(stack: ProjectStack): Vpc {
  const { env, naming, region } = stack;
  const config = env.regions.find((entry) => entry.region === region) as RegionConfig;
  return new Vpc(stack, 'Vpc', {
    cidr: config.vpc.cidr,
    availabilityZones: config.vpc.availabilityZones,
    nat: config.vpc.nat,
    interfaceEndpoints: config.vpc.interfaceEndpoints,
    namePrefix: naming.prefix(region),
    accountId: env.accountId,
    region,
    partition: partitionOf(region),
    permissionBoundaryArn: naming.permissionBoundaryArn,
    flowLogRetentionDays: env.logging.retentionDays,
  });
}
