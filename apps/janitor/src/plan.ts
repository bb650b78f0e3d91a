/**
 * From what the Describe calls return to the list of actions: the sweep (expired instances,
 * unused volumes, key pairs, security groups) and the emergency stop. Resources whose tags do not
 * make them the environment's are dropped here already, whatever the server-side filter let through.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { WORKER_TAGS } from '@llm/naming';
import type { PlannedAction, ResourceType } from './actions';
import { instanceVerdict, unusedStep } from './decide';
import {
  describeWorkerInstances,
  describeWorkerKeyPairs,
  describeWorkerSecurityGroups,
  describeWorkerVolumes,
  keyNamesInUse,
  LIVE_STATES,
  securityGroupsInUse,
  type TaggedItem,
} from './inventory';
import { ownershipProblem } from './ownership';

export interface SweepContext {
  readonly environment: string;
  readonly now: Date;
  readonly maxHours: number;
}

/** Every part is planned on its own: a failed DescribeVolumes still lets instances be terminated, and shows up as a failed `list`. */
export async function planSweep(ec2: EC2Client, context: SweepContext): Promise<PlannedAction[]> {
  const parts: [ResourceType, () => Promise<PlannedAction[]>][] = [
    ['instance', () => planInstances(ec2, context)],
    ['volume', () => planVolumes(ec2, context)],
    ['key-pair', () => planKeyPairs(ec2, context)],
    ['security-group', () => planSecurityGroups(ec2, context)],
  ];
  const settled = await Promise.allSettled(parts.map(([, plan]) => plan()));
  return settled.flatMap((result, index) => (result.status === 'fulfilled' ? result.value : [listingFailed(parts[index][0], result.reason)]));
}

/** Stops every pending or running worker: the budget is spent, so nothing of ours keeps billing compute. */
export async function planStop(ec2: EC2Client, environment: string, reason: string): Promise<PlannedAction[]> {
  try {
    const instances = await describeWorkerInstances(ec2, environment, ['pending', 'running']);
    return instances
      .filter((instance) => !ownershipProblem(instance.tags, environment))
      .map((instance) => ({ action: 'stop', resourceType: 'instance', resourceId: instance.id, reason, tags: instance.tags }));
  } catch (error) {
    return [listingFailed('instance', error)];
  }
}

function listingFailed(resourceType: ResourceType, error: unknown): PlannedAction {
  return {
    action: 'list',
    resourceType,
    resourceId: '*',
    reason: `listing the environment's ${resourceType}s failed: nothing of that type was decided`,
    tags: {},
    error,
  };
}

async function planInstances(ec2: EC2Client, { environment, now, maxHours }: SweepContext): Promise<PlannedAction[]> {
  const instances = await describeWorkerInstances(ec2, environment, LIVE_STATES);
  return instances.flatMap((instance): PlannedAction[] => {
    if (ownershipProblem(instance.tags, environment)) return [];
    const verdict = instanceVerdict({ expiresAtTag: instance.tags[WORKER_TAGS.expiresAt], launchTime: instance.launchTime }, now, maxHours);
    return verdict.act ? [{ action: 'terminate', resourceType: 'instance', resourceId: instance.id, reason: verdict.reason, tags: instance.tags }] : [];
  });
}

async function planVolumes(ec2: EC2Client, context: SweepContext): Promise<PlannedAction[]> {
  // Only available (unused) and in-use (maybe marked) volumes: creating, deleting or error ones are left as they are.
  const volumes = (await describeWorkerVolumes(ec2, context.environment)).filter((volume) => volume.state === 'available' || volume.state === 'in-use');
  return unusedActions('volume', volumes, (volume) => volume.state === 'in-use', context);
}

async function planKeyPairs(ec2: EC2Client, context: SweepContext): Promise<PlannedAction[]> {
  const [pairs, used] = await Promise.all([describeWorkerKeyPairs(ec2, context.environment), keyNamesInUse(ec2)]);
  return unusedActions('key-pair', pairs, (pair) => pair.name !== undefined && used.has(pair.name), context);
}

async function planSecurityGroups(ec2: EC2Client, context: SweepContext): Promise<PlannedAction[]> {
  // A VPC's default group cannot be deleted; it never carries worker tags, but make sure.
  const groups = (await describeWorkerSecurityGroups(ec2, context.environment)).filter((group) => group.name !== 'default');
  const owned = groups.filter((group) => !ownershipProblem(group.tags, context.environment));
  const used =
    owned.length > 0
      ? await securityGroupsInUse(
          ec2,
          owned.map((group) => group.id),
        )
      : new Set<string>();
  return unusedActions('security-group', owned, (group) => used.has(group.id), context);
}

function unusedActions(
  resourceType: ResourceType,
  items: readonly TaggedItem[],
  inUse: (item: TaggedItem) => boolean,
  { environment, now }: SweepContext,
): PlannedAction[] {
  return items.flatMap((item): PlannedAction[] => {
    if (ownershipProblem(item.tags, environment)) return [];
    const { step, reason } = unusedStep({ inUse: inUse(item), unusedSinceTag: item.tags[WORKER_TAGS.unusedSince] }, now);
    const action = step === 'mark' ? 'mark-unused' : step === 'delete' ? 'delete' : step === 'unmark' ? 'unmark' : undefined;
    return action
      ? [
          {
            action,
            resourceType,
            resourceId: item.id,
            ...(resourceType === 'key-pair' && item.name ? { resourceName: item.name } : {}),
            reason,
            tags: item.tags,
          },
        ]
      : [];
  });
}
