/**
 * The Describe calls: the environment's worker resources (filtered on their tags server-side) and
 * what uses them (key names of every live instance, network interfaces of the security groups).
 */
import {
  DescribeKeyPairsCommand,
  paginateDescribeInstances,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroups,
  paginateDescribeVolumes,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { tagMap, workerFilters, type Tags } from './ownership';

export interface InstanceItem {
  readonly id: string;
  readonly state: string;
  readonly tags: Tags;
  readonly launchTime: Date | undefined;
}

export interface TaggedItem {
  readonly id: string;
  readonly state?: string;
  readonly name?: string;
  readonly tags: Tags;
}

/** Every state an instance can still run (or be started) from: what "live" means for maxHours and key pairs. */
export const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'] as const;

export async function describeWorkerInstances(ec2: EC2Client, environment: string, states: readonly string[]): Promise<InstanceItem[]> {
  const items: InstanceItem[] = [];
  const filters: Filter[] = [...workerFilters(environment), { Name: 'instance-state-name', Values: [...states] }];
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: filters })) {
    for (const instance of (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
      if (!instance.InstanceId) continue;
      items.push({ id: instance.InstanceId, state: instance.State?.Name ?? 'unknown', tags: tagMap(instance.Tags), launchTime: instance.LaunchTime });
    }
  }
  return items;
}

/** Key names of every instance not terminated, whatever its tags: a key pair one of them names is in use. */
export async function keyNamesInUse(ec2: EC2Client): Promise<Set<string>> {
  const names = new Set<string>();
  const filters: Filter[] = [{ Name: 'instance-state-name', Values: [...LIVE_STATES, 'shutting-down'] }];
  for await (const page of paginateDescribeInstances({ client: ec2 }, { Filters: filters })) {
    for (const instance of (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
      if (instance.KeyName && instance.State?.Name !== 'terminated') names.add(instance.KeyName);
    }
  }
  return names;
}

export async function describeWorkerVolumes(ec2: EC2Client, environment: string): Promise<TaggedItem[]> {
  const items: TaggedItem[] = [];
  for await (const page of paginateDescribeVolumes({ client: ec2 }, { Filters: workerFilters(environment) })) {
    for (const volume of page.Volumes ?? []) {
      if (volume.VolumeId) items.push({ id: volume.VolumeId, state: volume.State, tags: tagMap(volume.Tags) });
    }
  }
  return items;
}

export async function describeWorkerKeyPairs(ec2: EC2Client, environment: string): Promise<TaggedItem[]> {
  const { KeyPairs = [] } = await ec2.send(new DescribeKeyPairsCommand({ Filters: workerFilters(environment) }));
  return KeyPairs.filter((pair) => pair.KeyPairId).map((pair) => ({ id: pair.KeyPairId as string, name: pair.KeyName, tags: tagMap(pair.Tags) }));
}

export async function describeWorkerSecurityGroups(ec2: EC2Client, environment: string): Promise<TaggedItem[]> {
  const items: TaggedItem[] = [];
  for await (const page of paginateDescribeSecurityGroups({ client: ec2 }, { Filters: workerFilters(environment) })) {
    for (const group of page.SecurityGroups ?? []) {
      if (group.GroupId) items.push({ id: group.GroupId, name: group.GroupName, tags: tagMap(group.Tags) });
    }
  }
  return items;
}

/** EC2 takes at most 200 values per filter. */
const FILTER_VALUES_MAX = 200;

/** The groups among `groupIds` that some network interface (an instance's, a Lambda's, an endpoint's) uses. */
export async function securityGroupsInUse(ec2: EC2Client, groupIds: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(groupIds);
  const used = new Set<string>();
  for (let start = 0; start < groupIds.length; start += FILTER_VALUES_MAX) {
    const chunk = groupIds.slice(start, start + FILTER_VALUES_MAX);
    for await (const page of paginateDescribeNetworkInterfaces({ client: ec2 }, { Filters: [{ Name: 'group-id', Values: chunk }] })) {
      for (const eni of page.NetworkInterfaces ?? []) {
        for (const group of eni.Groups ?? []) if (group.GroupId && wanted.has(group.GroupId)) used.add(group.GroupId);
      }
    }
  }
  return used;
}
