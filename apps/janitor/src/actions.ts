/**
 * Carries out planned actions, each on its own (one failure never stops the others), each after
 * the resource's tags are checked again, and in a dry run not at all.
 */
import {
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { WORKER_TAGS } from '@llm/naming';
import { ownershipProblem, type Tags } from './ownership';

export type ResourceType = 'instance' | 'volume' | 'key-pair' | 'security-group';
/** `list`: a Describe call the plan needed failed, so nothing of that type was decided. */
export type ActionKind = 'terminate' | 'stop' | 'mark-unused' | 'unmark' | 'delete' | 'list';

export interface PlannedAction {
  readonly action: ActionKind;
  readonly resourceType: ResourceType;
  /** Instance, volume, key pair (key-...) or security group id; `*` for a failed listing. */
  readonly resourceId: string;
  /** The key pair's name: DeleteKeyPair by name works everywhere (moto ignores KeyPairId and deletes nothing). */
  readonly resourceName?: string;
  readonly reason: string;
  /** The tags AWS returned for the resource: checked again right before the mutation. */
  readonly tags: Tags;
  /** Set on a `list` action: the error of the Describe call. */
  readonly error?: unknown;
}

export type Outcome = 'done' | 'failed' | 'planned';

export interface ActionOutcome {
  readonly planned: PlannedAction;
  readonly outcome: Outcome;
  readonly error?: { readonly name: string; readonly message: string };
}

/** Refusal to mutate a resource whose tags do not make it the environment's worker resource. */
export class OwnershipCheckError extends Error {
  constructor(resourceId: string, problem: string) {
    super(`refused to touch ${resourceId}: ${problem}`);
    this.name = 'OwnershipCheckError';
  }
}

export function errorDetail(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export async function executeActions(
  ec2: EC2Client,
  actions: readonly PlannedAction[],
  options: { readonly environment: string; readonly now: Date; readonly dryRun: boolean },
): Promise<ActionOutcome[]> {
  const settled = await Promise.allSettled(
    actions.map(async (planned): Promise<Outcome> => {
      if (planned.action === 'list') throw planned.error;
      const problem = ownershipProblem(planned.tags, options.environment);
      if (problem) throw new OwnershipCheckError(planned.resourceId, problem);
      if (options.dryRun) return 'planned';
      await send(ec2, planned, options.now);
      return 'done';
    }),
  );
  return settled.map((result, index) =>
    result.status === 'fulfilled'
      ? { planned: actions[index], outcome: result.value }
      : { planned: actions[index], outcome: 'failed', error: errorDetail(result.reason) },
  );
}

/** One call per resource: a batch call fails whole when one id is bad, and one bad id must not save the rest. */
async function send(ec2: EC2Client, { action, resourceType, resourceId, resourceName }: PlannedAction, now: Date): Promise<void> {
  switch (action) {
    case 'terminate':
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [resourceId] }));
      return;
    case 'stop':
      await ec2.send(new StopInstancesCommand({ InstanceIds: [resourceId] }));
      return;
    case 'mark-unused':
      // Only the janitor's own key: CreateTags adds or overwrites, it never removes the owner tags.
      await ec2.send(new CreateTagsCommand({ Resources: [resourceId], Tags: [{ Key: WORKER_TAGS.unusedSince, Value: now.toISOString() }] }));
      return;
    case 'unmark':
      await ec2.send(new DeleteTagsCommand({ Resources: [resourceId], Tags: [{ Key: WORKER_TAGS.unusedSince }] }));
      return;
    case 'delete':
      if (resourceType === 'volume') await ec2.send(new DeleteVolumeCommand({ VolumeId: resourceId }));
      else if (resourceType === 'key-pair') await ec2.send(new DeleteKeyPairCommand(resourceName ? { KeyName: resourceName } : { KeyPairId: resourceId }));
      else if (resourceType === 'security-group') await ec2.send(new DeleteSecurityGroupCommand({ GroupId: resourceId }));
      else throw new Error(`the janitor deletes volumes, key pairs and security groups, not a ${resourceType} (${resourceId})`);
      return;
    case 'list':
      throw new Error('a failed listing has nothing to send');
  }
}
