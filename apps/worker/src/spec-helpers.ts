/** Fixtures for the worker specs: deps with a fixed clock and captured output, worker-shaped instances, and the stack's network as EC2 answers it. */
import {
  DescribeLaunchTemplateVersionsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ServiceException,
  type DescribeInstancesCommandOutput,
  type Instance,
  type InstanceStateName,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { workerTags } from '@llm/naming';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { WorkerDeps } from './deps';

export const NOW = new Date('2026-12-03T18:00:00.250Z');
export const CALLER_ARN = 'arn:aws:sts::111111111111:assumed-role/Developer/alice';

export interface Captured {
  readonly deps: WorkerDeps;
  readonly out: string[];
  readonly warn: string[];
}

export function captureDeps(region = 'us-east-1'): Captured {
  const out: string[] = [];
  const warn: string[] = [];
  const deps: WorkerDeps = {
    ec2: new EC2Client({ region, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }),
    sts: new STSClient({ region, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }),
    now: () => NOW,
    out: (line) => out.push(line),
    warn: (line) => warn.push(line),
    waitSeconds: 2,
    pollSeconds: 0.01,
  };
  return { deps, out, warn };
}

export interface InstanceFixture {
  readonly id: string;
  readonly state?: InstanceStateName;
  readonly env?: string;
  readonly type?: _InstanceType;
  readonly launched?: string;
  readonly subnetId?: string;
  readonly tags?: Record<string, string>;
  readonly untagged?: boolean;
  readonly transition?: string;
}

export function instance(fixture: InstanceFixture): Instance {
  const tags = { ...(fixture.untagged ? {} : workerTags({ name: fixture.env ?? 'dev' })), ...fixture.tags };
  return {
    InstanceId: fixture.id,
    State: { Name: fixture.state ?? 'running' },
    InstanceType: fixture.type ?? 't4g.small',
    LaunchTime: new Date(fixture.launched ?? '2026-12-03T15:00:00Z'),
    SubnetId: fixture.subnetId ?? 'subnet-a',
    PrivateIpAddress: '10.10.0.10',
    ...(fixture.transition ? { StateTransitionReason: fixture.transition } : {}),
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

export function reservations(...instances: Instance[]): DescribeInstancesCommandOutput {
  return { $metadata: {}, Reservations: instances.length > 0 ? [{ Instances: instances }] : [] };
}

export function awsError(name: string, message: string): EC2ServiceException {
  return new EC2ServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** What EC2 answers once the stack of dev us-east-1 (or the prefix given) is applied: VPC, two subnets per kind, the template with its interface 0. */
export function appliedStack(ec2: AwsClientStub<EC2Client>, prefix = 'llm-platform-dev-us-east-1', kind: 'public' | 'private' = 'public'): void {
  ec2.on(DescribeVpcsCommand, { Filters: [{ Name: 'tag:Name', Values: [`${prefix}-vpc`] }] }).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
  ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: ['b', 'a'].map((letter) => ({
      SubnetId: `subnet-${letter}`,
      AvailabilityZone: `us-east-1${letter}`,
      Tags: [{ Key: 'Name', Value: `${prefix}-${kind}-${letter}` }],
    })),
  });
  ec2.on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateName: `${prefix}-worker`, Versions: ['$Default'] }).resolves({
    LaunchTemplateVersions: [
      {
        LaunchTemplateData: {
          ImageId: 'resolve:ssm:/aws/service/ami',
          NetworkInterfaces: [{ DeviceIndex: 0, Groups: ['sg-worker'], DeleteOnTermination: true, AssociatePublicIpAddress: kind === 'public' }],
        },
      },
    ],
  });
}
