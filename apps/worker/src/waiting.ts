/**
 * Waiting for instances to reach running or terminated with the SDK's waiters, bounded; a wait
 * that ends otherwise is reported with the state EC2 gives, not the waiter's JSON dump.
 */
import { DescribeInstancesCommand, waitUntilInstanceRunning, waitUntilInstanceTerminated } from '@aws-sdk/client-ec2';
import type { WorkerDeps } from './deps';
import { WorkerAwsError } from './errors';

const WAITERS = { running: waitUntilInstanceRunning, terminated: waitUntilInstanceTerminated } as const;

export async function waitForState(deps: WorkerDeps, ids: readonly string[], state: keyof typeof WAITERS): Promise<void> {
  const delays = deps.pollSeconds === undefined ? {} : { minDelay: deps.pollSeconds, maxDelay: Math.max(deps.pollSeconds, 1) };
  try {
    await WAITERS[state]({ client: deps.ec2, maxWaitTime: deps.waitSeconds, ...delays }, { InstanceIds: [...ids] });
  } catch (error) {
    const how = error instanceof Error && error.name === 'TimeoutError' ? `within ${deps.waitSeconds} s` : 'before the waiter gave up';
    throw new WorkerAwsError(`${ids.join(', ')} did not reach ${state} ${how}; now: ${await currentStates(deps, ids)}; see npm run worker -- list`);
  }
}

async function currentStates(deps: WorkerDeps, ids: readonly string[]): Promise<string> {
  try {
    const answer = await deps.ec2.send(new DescribeInstancesCommand({ InstanceIds: [...ids] }));
    const instances = (answer.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
    return instances
      .map((instance) => `${instance.InstanceId} ${instance.State?.Name ?? '?'}${instance.StateReason?.Message ? ` (${instance.StateReason.Message})` : ''}`)
      .join(', ');
  } catch (error) {
    return `unknown (${error instanceof Error ? error.name : String(error)})`;
  }
}
