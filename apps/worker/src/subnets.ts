/**
 * Where a worker goes: the launch template names no subnet, so launch finds the region's VPC and
 * its private (or, with workers.publicIp, public) subnets by the Name tags the VPC construct gives them.
 */
import { DescribeSubnetsCommand, DescribeVpcsCommand, type EC2Client, type Instance, type Subnet } from '@aws-sdk/client-ec2';
import type { ResolvedWorkers } from '@llm/config';
import { refusals } from './errors';
import type { WorkerTarget } from './target';

export interface WorkerSubnet {
  readonly subnetId: string;
  readonly zone: string;
  readonly name: string;
}

/**
 * The candidate subnets, the one with the fewest of the environment's active workers first (then by
 * name, so zone a before b), so workers spread over zones and a zone out of capacity has a fallback.
 */
export async function workerSubnets(ec2: EC2Client, target: WorkerTarget, workers: ResolvedWorkers, active: readonly Instance[]): Promise<WorkerSubnet[]> {
  const prefix = target.naming.prefix(target.region);
  const vpcName = `${prefix}-vpc`;
  const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [vpcName] }] }));
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  if (!vpcId) throw refusals.stackNotApplied(`VPC ${vpcName}`, target.env.name, target.region);

  const pattern = `${prefix}-${workers.publicIp ? 'public' : 'private'}-*`;
  const answer = await ec2.send(
    new DescribeSubnetsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'tag:Name', Values: [pattern] },
        { Name: 'state', Values: ['available'] },
      ],
    }),
  );
  const subnets = (answer.Subnets ?? []).filter((subnet): subnet is Subnet & { SubnetId: string } => subnet.SubnetId !== undefined);
  if (subnets.length === 0) throw refusals.stackNotApplied(`available subnet ${pattern} in ${vpcName}`, target.env.name, target.region);

  const load = (subnetId: string) => active.filter((instance) => instance.SubnetId === subnetId).length;
  return subnets
    .map((subnet) => ({
      subnetId: subnet.SubnetId,
      zone: subnet.AvailabilityZone ?? '?',
      name: subnet.Tags?.find((tag) => tag.Key === 'Name')?.Value ?? subnet.SubnetId,
    }))
    .sort((a, b) => load(a.subnetId) - load(b.subnetId) || a.name.localeCompare(b.name));
}
