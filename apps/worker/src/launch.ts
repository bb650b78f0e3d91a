/**
 * `worker launch`: one instance from the stack's launch template, tagged so the janitor can end it,
 * after every refusal has had its chance (no workers configuration, hours out of range, wrong
 * account, stack not applied, maxInstances reached) so a refused launch starts nothing.
 */
import { DescribeInstancesCommand, RunInstancesCommand, type RunInstancesCommandInput, type Tag } from '@aws-sdk/client-ec2';
import { WORKER_TAGS, workerTags } from '@llm/naming';
import { randomUUID } from 'node:crypto';
import { calling, isZonalCapacityError, launchFailure } from './aws-errors';
import type { WorkerDeps } from './deps';
import { refusals, WorkerAwsError } from './errors';
import { expiresAt, resolveHours } from './expiry';
import { ACTIVE_STATES, describeWorkers } from './fleet';
import { callerIdentity } from './identity';
import { startSessionCommand } from './session';
import { workerSubnets, type WorkerSubnet } from './subnets';
import { readTemplate, subnetPlacement, TEMPLATE_VERSION } from './template';
import { requireWorkers, type WorkerTarget } from './target';
import { waitForState } from './waiting';

export interface LaunchedWorker {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly subnet: WorkerSubnet;
  readonly expiresAt: string;
  readonly privateIp?: string;
  readonly publicIp?: string;
}

export async function launchWorker(deps: WorkerDeps, target: WorkerTarget, requestedHours?: number): Promise<LaunchedWorker> {
  const { env, region, naming } = target;
  const workers = requireWorkers(target);
  const hours = resolveHours(requestedHours, workers, env.name, region);

  const identity = await callerIdentity(deps.sts);
  if (identity.warning) deps.warn(identity.warning);
  if (identity.account !== undefined && identity.account !== env.accountId) throw refusals.wrongAccount(identity.account, env.name, env.accountId);

  const template = await readTemplate(deps.ec2, target);
  // Counted just before launching; two launches at the same moment can both pass. The janitor's maxHours bounds what that costs.
  const active = await calling('DescribeInstances', () => describeWorkers(deps.ec2, env, ACTIVE_STATES));
  if (active.length >= workers.maxInstances) {
    throw refusals.atMaxInstances(
      active.map((instance) => instance.InstanceId ?? '?'),
      workers.maxInstances,
      env.name,
      region,
    );
  }
  const subnets = await calling('DescribeVpcs/DescribeSubnets', () => workerSubnets(deps.ec2, target, workers, active));

  const expires = expiresAt(deps.now(), hours);
  const tags: Tag[] = Object.entries({
    ...workerTags(env),
    [WORKER_TAGS.expiresAt]: expires,
    [WORKER_TAGS.launchedBy]: identity.launchedBy,
    Name: naming.workerName(region),
  }).map(([Key, Value]) => ({ Key, Value }));
  // An idempotency token per subnet tried: the SDK's own retry of a timed-out RunInstances then cannot start a second instance.
  const clientToken = randomUUID();

  const tried: string[] = [];
  for (const [index, subnet] of subnets.entries()) {
    const input: RunInstancesCommandInput = {
      MinCount: 1,
      MaxCount: 1,
      LaunchTemplate: { LaunchTemplateName: naming.workerName(region), Version: TEMPLATE_VERSION },
      ...subnetPlacement(template, subnet.subnetId, workers),
      TagSpecifications: [
        { ResourceType: 'instance', Tags: tags },
        { ResourceType: 'volume', Tags: tags },
      ],
      ClientToken: `${clientToken}-${index}`,
    };
    let instanceId: string | undefined;
    try {
      instanceId = (await deps.ec2.send(new RunInstancesCommand(input))).Instances?.[0]?.InstanceId;
    } catch (error) {
      tried.push(subnet.zone);
      const next = subnets[index + 1];
      if (isZonalCapacityError(error) && next) {
        deps.warn(`${subnet.zone}: ${(error as Error).name}; trying ${next.name} (${next.zone})`);
        continue;
      }
      throw launchFailure(error, { workers, region, zones: tried });
    }
    if (!instanceId) throw new WorkerAwsError(`EC2 RunInstances answered without an instance id in ${region}; check npm run worker -- list`);
    deps.warn(`launched ${instanceId} in ${subnet.name} (${subnet.zone}); waiting until it runs (at most ${deps.waitSeconds} s)`);
    await waitForState(deps, [instanceId], 'running');
    const answer = await calling('DescribeInstances', () => deps.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })));
    const instance = answer.Reservations?.[0]?.Instances?.[0];
    return {
      instanceId,
      instanceType: instance?.InstanceType ?? workers.instanceType,
      subnet,
      expiresAt: expires,
      ...(instance?.PrivateIpAddress ? { privateIp: instance.PrivateIpAddress } : {}),
      ...(instance?.PublicIpAddress ? { publicIp: instance.PublicIpAddress } : {}),
    };
  }
  // workerSubnets refuses an empty list, and every failed attempt either continues to a next subnet or throws.
  throw new Error('unreachable: no subnet was tried');
}

/** What launch prints on stdout. */
export function formatLaunched(worker: LaunchedWorker, region: string): string[] {
  return [
    `${worker.instanceId} (${worker.instanceType}) is running in ${worker.subnet.zone}, subnet ${worker.subnet.name}`,
    `private IP: ${worker.privateIp ?? 'none'}`,
    ...(worker.publicIp ? [`public IP: ${worker.publicIp}`] : []),
    `expires: ${worker.expiresAt} (the janitor terminates it after that)`,
    `connect: ${startSessionCommand(worker.instanceId, region)}`,
  ];
}
