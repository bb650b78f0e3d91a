/**
 * The stack's worker launch template, read before launching: its absence means the stack is not
 * applied, and its network interface (if it has one) decides how launch passes the subnet.
 */
import {
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  type InstanceNetworkInterfaceSpecification,
  type ResponseLaunchTemplateData,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import type { ResolvedWorkers } from '@llm/config';
import { awsFailure } from './aws-errors';
import { refusals } from './errors';
import type { WorkerTarget } from './target';

/** Launch always uses the template's default version: the one the stack last applied. */
export const TEMPLATE_VERSION = '$Default';

export async function readTemplate(ec2: EC2Client, target: WorkerTarget): Promise<ResponseLaunchTemplateData> {
  const name = target.naming.workerName(target.region);
  try {
    const answer = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: name, Versions: [TEMPLATE_VERSION] }));
    const data = answer.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
    if (data) return data;
  } catch (error) {
    if (!(error instanceof Error && error.name.startsWith('InvalidLaunchTemplateName.'))) throw awsFailure('DescribeLaunchTemplateVersions', error);
  }
  throw refusals.stackNotApplied(`launch template ${name}`, target.env.name, target.region);
}

/**
 * How RunInstances names the subnet. EC2 refuses an instance-level SubnetId next to a network
 * interface ("Network interfaces and an instance-level subnet ID may not be specified on the same
 * request"), so when the template describes interface 0 (as it must to ask for a public IP), the
 * subnet goes into a copy of that interface; otherwise it is the plain SubnetId.
 */
export function subnetPlacement(
  template: ResponseLaunchTemplateData,
  subnetId: string,
  workers: Pick<ResolvedWorkers, 'publicIp'>,
): Pick<RunInstancesCommandInput, 'SubnetId' | 'NetworkInterfaces'> {
  const primary = template.NetworkInterfaces?.find((spec) => (spec.DeviceIndex ?? 0) === 0);
  if (!primary && !workers.publicIp) return { SubnetId: subnetId };
  const groups = primary ? primary.Groups : template.SecurityGroupIds;
  const spec: InstanceNetworkInterfaceSpecification = {
    DeviceIndex: 0,
    SubnetId: subnetId,
    // The configuration decides, as it decided the subnet kind: a public IP only where workers.publicIp says so.
    AssociatePublicIpAddress: workers.publicIp,
    DeleteOnTermination: primary?.DeleteOnTermination ?? true,
    ...(groups && groups.length > 0 ? { Groups: groups } : {}),
    ...(primary?.Description ? { Description: primary.Description } : {}),
  };
  return { NetworkInterfaces: [spec] };
}
