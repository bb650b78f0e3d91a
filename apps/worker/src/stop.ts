/** `worker stop`: stops the environment's workers (instance-hours end; the root volume still bills) without waiting for stopped. */
import { StopInstancesCommand } from '@aws-sdk/client-ec2';
import type { WorkerSelection } from './args';
import { calling } from './aws-errors';
import type { WorkerDeps } from './deps';
import { idsOf, selectWorkers } from './selection';
import type { WorkerTarget } from './target';

export async function stopWorkers(deps: WorkerDeps, target: WorkerTarget, selection: WorkerSelection): Promise<string[]> {
  const ids = idsOf(await selectWorkers(deps, target, selection, ['pending', 'running'], 'stopped'));
  if (ids.length === 0) return [`no running workers in environment ${target.env.name}, region ${target.region}; nothing stopped`];
  const answer = await calling('StopInstances', () => deps.ec2.send(new StopInstancesCommand({ InstanceIds: ids })));
  const changes = answer.StoppingInstances ?? [];
  return [
    ...changes.map((change) => `${change.InstanceId}: ${change.PreviousState?.Name ?? '?'} -> ${change.CurrentState?.Name ?? '?'}`),
    `stopping ${changes.length} worker(s); the root volume bills until terminate, and the janitor still ends them at ExpiresAt`,
  ];
}
