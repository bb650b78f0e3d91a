/**
 * Test helper: an EC2 and S3 of the test's own through aws-sdk-client-mock. Describe calls answer
 * with everything in the world, ignoring their filters on purpose: the janitor must stay safe
 * even when the server-side tag filter lets through what it should not.
 */
import {
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type Instance,
  type KeyPairInfo,
  type NetworkInterface,
  type SecurityGroup,
  type Tag,
  type Volume,
} from '@aws-sdk/client-ec2';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

export const ENV = 'dev';
export const REGION = 'us-east-1';
export const BUCKET = 'llm-platform-dev-us-east-1-generations-111111111111';
export const NOW = new Date('2026-05-01T12:00:00.000Z');

export const MUTATING_COMMANDS = [
  TerminateInstancesCommand,
  StopInstancesCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
] as const;

export function tags(map: Record<string, string>): Tag[] {
  return Object.entries(map).map(([Key, Value]) => ({ Key, Value }));
}

/** The worker tags of `environment`, plus extras. */
export function workerTagList(extra: Record<string, string> = {}, environment = ENV): Tag[] {
  return tags({ Project: 'llm-platform', Environment: environment, Role: 'worker', ...extra });
}

export const hoursBefore = (date: Date, hours: number) => new Date(date.getTime() - hours * 3_600_000);

export interface World {
  instances?: Instance[];
  volumes?: Volume[];
  keyPairs?: KeyPairInfo[];
  securityGroups?: SecurityGroup[];
  networkInterfaces?: NetworkInterface[];
}

export function mockAws(world: World) {
  const ec2 = mockClient(EC2Client);
  const s3 = mockClient(S3Client);
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: world.instances ?? [] }] });
  ec2.on(DescribeVolumesCommand).resolves({ Volumes: world.volumes ?? [] });
  ec2.on(DescribeKeyPairsCommand).resolves({ KeyPairs: world.keyPairs ?? [] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: world.securityGroups ?? [] });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: world.networkInterfaces ?? [] });
  // One command type for the mock's overloads: every mutating command answers {} here.
  for (const command of MUTATING_COMMANDS) ec2.on(command as typeof StopInstancesCommand).resolves({});
  s3.on(PutObjectCommand).resolves({ ETag: '"etag"' });
  const clients = { ec2: new EC2Client({ region: REGION }), s3: new S3Client({ region: REGION }) };
  /** Every mutating EC2 call, as `<Command> <resource id>`. */
  const mutations = () =>
    MUTATING_COMMANDS.flatMap((command) =>
      ec2.commandCalls(command as typeof StopInstancesCommand).map((call) => {
        const input = call.args[0].input as {
          InstanceIds?: string[];
          Resources?: string[];
          VolumeId?: string;
          KeyPairId?: string;
          KeyName?: string;
          GroupId?: string;
        };
        const id = input.InstanceIds?.[0] ?? input.Resources?.[0] ?? input.VolumeId ?? input.KeyPairId ?? input.KeyName ?? input.GroupId;
        return `${command.name.replace(/Command$/, '')} ${id}`;
      }),
    ).sort();
  return { ec2, s3, clients, mutations, restore: () => (ec2.restore(), s3.restore()) };
}
