/** `worker terminate`: terminates the environment's workers and waits until EC2 reports them terminated. */
import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import type { WorkerSelection } from './args';
import { calling } from './aws-errors';
import type { WorkerDeps } from './deps';
import { ACTIVE_STATES } from './fleet';
import { idsOf, selectWorkers } from './selection';
import type { WorkerTarget } from './target';
import { waitForState } from './waiting';

export async function terminateWorkers(deps: WorkerDeps, target: WorkerTarget, selection: WorkerSelection): Promise<string[]> {
  const ids = idsOf(await selectWorkers(deps, target, selection, ACTIVE_STATES, 'terminated'));
  if (ids.length === 0) return [`no workers to terminate in environment ${target.env.name}, region ${target.region}`];
  await calling('TerminateInstances', () => deps.ec2.send(new TerminateInstancesCommand({ InstanceIds: ids })));
  deps.warn(`terminating ${ids.join(', ')}; waiting until terminated (at most ${deps.waitSeconds} s)`);
  await waitForState(deps, ids, 'terminated');
  return ids.map((id) => `${id}: terminated`);
}
