/**
 * Finding an environment's workers in a region by their tags, and telling them apart from any
 * other instance: the worker tags are the only thing that makes an instance ours to stop or terminate.
 */
import { paginateDescribeInstances, type EC2Client, type Filter, type Instance, type InstanceStateName } from '@aws-sdk/client-ec2';
import type { EnvironmentConfig } from '@llm/config';
import { MANAGED_BY, workerTags } from '@llm/naming';
import { refusals } from './errors';
import type { WorkerTarget } from './target';

/** The states that hold a worker slot (maxInstances) and, except stopped, bill instance-hours. */
export const ACTIVE_STATES: readonly InstanceStateName[] = ['pending', 'running', 'stopping', 'stopped'];

export function tagOf(instance: Instance, key: string): string | undefined {
  return instance.Tags?.find((tag) => tag.Key === key)?.Value;
}

/** Carries the environment's worker tags and is not Terraform's (the janitor draws the same line). */
export function isWorkerOf(instance: Instance, env: Pick<EnvironmentConfig, 'name'>): boolean {
  return tagOf(instance, 'ManagedBy') !== MANAGED_BY && Object.entries(workerTags(env)).every(([key, value]) => tagOf(instance, key) === value);
}

/** The environment's workers in the client's region, in the given states (all states when none are given). */
export async function describeWorkers(ec2: EC2Client, env: Pick<EnvironmentConfig, 'name'>, states?: readonly InstanceStateName[]): Promise<Instance[]> {
  const filters: Filter[] = Object.entries(workerTags(env)).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
  if (states) filters.push({ Name: 'instance-state-name', Values: [...states] });
  return collect(paginateDescribeInstances({ client: ec2 }, { Filters: filters }));
}

/**
 * The named instances, refused as a whole when one is missing or is not one of the environment's
 * workers: a typo in one id must not leave the others half done.
 */
export async function ownWorkers(ec2: EC2Client, target: WorkerTarget, ids: readonly string[], action: string): Promise<Instance[]> {
  let instances: Instance[];
  try {
    instances = await collect(paginateDescribeInstances({ client: ec2 }, { InstanceIds: [...ids] }));
  } catch (error) {
    if (error instanceof Error && error.name.startsWith('InvalidInstanceID.')) throw refusals.notFound(error.message, target.region);
    throw error;
  }
  const foreign = instances.filter((instance) => !isWorkerOf(instance, target.env)).map((instance) => instance.InstanceId ?? '?');
  if (foreign.length > 0) throw refusals.foreignInstances(foreign, target.env.name, target.region, action);
  return instances;
}

async function collect(pages: AsyncIterable<{ Reservations?: { Instances?: Instance[] }[] }>): Promise<Instance[]> {
  const instances: Instance[] = [];
  for await (const page of pages) {
    for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
  }
  return instances;
}
