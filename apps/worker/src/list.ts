/** `worker list`: the environment's workers in the region, in every state, with expiry and cost so far. */
import type { Instance } from '@aws-sdk/client-ec2';
import { WORKER_TAGS } from '@llm/naming';
import { EC2_PRICES_AS_OF } from '@llm/pricing';
import { calling } from './aws-errors';
import { describeCost } from './cost';
import type { WorkerDeps } from './deps';
import { describeExpiry, isoSeconds } from './expiry';
import { describeWorkers, tagOf } from './fleet';
import type { WorkerTarget } from './target';

const HEADERS = ['ID', 'STATE', 'TYPE', 'LAUNCHED', 'EXPIRES', 'LAUNCHED BY', 'COST SO FAR'] as const;

export async function listWorkers(deps: WorkerDeps, target: WorkerTarget): Promise<string[]> {
  const instances = await calling('DescribeInstances', () => describeWorkers(deps.ec2, target.env));
  return formatWorkers(instances, target, deps.now());
}

export function formatWorkers(instances: readonly Instance[], target: WorkerTarget, now: Date): string[] {
  const where = `environment ${target.env.name}, region ${target.region}`;
  if (instances.length === 0) return [`no workers in ${where}`];
  const rows = [...instances]
    .sort((a, b) => (a.LaunchTime?.getTime() ?? 0) - (b.LaunchTime?.getTime() ?? 0))
    .map((instance) => [
      instance.InstanceId ?? '?',
      instance.State?.Name ?? '?',
      instance.InstanceType ?? '?',
      instance.LaunchTime ? isoSeconds(instance.LaunchTime) : '?',
      describeExpiry(tagOf(instance, WORKER_TAGS.expiresAt), now),
      tagOf(instance, WORKER_TAGS.launchedBy) ?? '?',
      describeCost(instance, target.region, now),
    ]);
  return [
    ...table([[...HEADERS], ...rows]),
    '',
    `${instances.length} worker(s) in ${where}. Cost: instance-hours since the last start at on-demand Linux prices of ${EC2_PRICES_AS_OF}; volumes and public IPv4 bill on top.`,
  ];
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  '));
}
