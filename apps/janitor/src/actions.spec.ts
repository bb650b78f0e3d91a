/** The last line of defence: the tag check right before each mutation, independent of the plan. */
import { executeActions, type PlannedAction } from './actions';
import { ENV, mockAws, NOW, workerTagList } from './testing/world';
import { tagMap } from './ownership';

describe('executeActions', () => {
  let aws: ReturnType<typeof mockAws>;
  beforeEach(() => {
    aws = mockAws({});
  });
  afterEach(() => aws.restore());

  const action = (resourceId: string, tags: Record<string, string>): PlannedAction => ({
    action: 'terminate',
    resourceType: 'instance',
    resourceId,
    reason: 'test',
    tags,
  });

  it('refuses, and sends nothing for, an action whose resource tags are not the environment worker tags', async () => {
    const outcomes = await executeActions(
      aws.clients.ec2,
      [
        action('i-managed', tagMap(workerTagList({ ManagedBy: 'terraform-cdktf' }))),
        action('i-other', tagMap(workerTagList({}, 'prod'))),
        action('i-ok', tagMap(workerTagList())),
      ],
      { environment: ENV, now: NOW, dryRun: false },
    );

    expect(aws.mutations()).toEqual(['TerminateInstances i-ok']);
    expect(outcomes.map(({ outcome, error }) => [outcome, error?.name])).toEqual([
      ['failed', 'OwnershipCheckError'],
      ['failed', 'OwnershipCheckError'],
      ['done', undefined],
    ]);
    expect(outcomes[1].error?.message).toBe('refused to touch i-other: not a worker resource of environment dev (Environment is "prod", not "dev")');
  });

  it('deletes a volume, a key pair and a security group each with its own call', async () => {
    const tags = tagMap(workerTagList());
    await executeActions(
      aws.clients.ec2,
      [
        { action: 'delete', resourceType: 'volume', resourceId: 'vol-1', reason: 'r', tags },
        { action: 'delete', resourceType: 'key-pair', resourceId: 'key-1', reason: 'r', tags },
        { action: 'delete', resourceType: 'security-group', resourceId: 'sg-1', reason: 'r', tags },
        { action: 'unmark', resourceType: 'volume', resourceId: 'vol-2', reason: 'r', tags },
      ],
      { environment: ENV, now: NOW, dryRun: false },
    );

    expect(aws.mutations()).toEqual(['DeleteKeyPair key-1', 'DeleteSecurityGroup sg-1', 'DeleteTags vol-2', 'DeleteVolume vol-1']);
  });
});
