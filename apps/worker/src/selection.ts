/** The workers stop or terminate act on: the named ones, all refused if one is not the environment's, or all of them in the given states. */
import type { Instance, InstanceStateName } from '@aws-sdk/client-ec2';
import type { WorkerSelection } from './args';
import { calling } from './aws-errors';
import type { WorkerDeps } from './deps';
import { describeWorkers, ownWorkers } from './fleet';
import type { WorkerTarget } from './target';

export async function selectWorkers(
  deps: WorkerDeps,
  target: WorkerTarget,
  selection: WorkerSelection,
  states: readonly InstanceStateName[],
  action: string,
): Promise<Instance[]> {
  if ('ids' in selection) return calling('DescribeInstances', () => ownWorkers(deps.ec2, target, selection.ids, action));
  return calling('DescribeInstances', () => describeWorkers(deps.ec2, target.env, states));
}

export function idsOf(instances: readonly Instance[]): string[] {
  return instances.map((instance) => instance.InstanceId).filter((id): id is string => id !== undefined);
}
