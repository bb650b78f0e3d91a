import { checkState, messages, stateResource } from '../testing/builders';
import { declaredInTerraformJson } from '../input/configuration';
import { orphanedInState } from './orphaned-in-state';

const configuration = { source: 'cdk.tf.json', addresses: new Set(['aws_s3_bucket.data', 'aws_sqs_queue.jobs', 'module.network']) };

describe('orphaned-in-state', () => {
  it('flags a resource the configuration no longer declares, high when it holds data', () => {
    expect(messages(checkState(orphanedInState, stateResource('aws_s3_bucket.old', {}), { configuration }))).toEqual([
      'high: in state but not declared in cdk.tf.json: the next apply destroys it; an S3 bucket: its objects and versions go with it',
    ]);
    expect(messages(checkState(orphanedInState, stateResource('aws_security_group.old', {}), { configuration }))).toEqual([
      'medium: in state but not declared in cdk.tf.json: the next apply destroys it',
    ]);
  });

  it('does not fire on declared resources (with instance keys, inside modules), data sources, or without a configuration', () => {
    expect(checkState(orphanedInState, stateResource('aws_sqs_queue.jobs[0]', {}), { configuration })).toBe('compliant');
    expect(checkState(orphanedInState, stateResource('module.network["a"].aws_vpc.main', {}), { configuration })).toBe('compliant');
    expect(checkState(orphanedInState, stateResource('data.aws_region.current', {}), { configuration })).toBe('not-applicable');
    expect(checkState(orphanedInState, stateResource('aws_s3_bucket.old', {}))).toBe('not-applicable');
  });
});

describe('orphaned-in-state with moves and forgets', () => {
  it('does not fire on a resource the plan moves to a new address or forgets', () => {
    const plannedFate = (address: string) =>
      address === 'aws_sqs_queue.old'
        ? ({ kind: 'moved', to: 'aws_sqs_queue.jobs' } as const)
        : address === 'aws_sqs_queue.kept'
          ? ({ kind: 'forgotten' } as const)
          : undefined;

    expect(checkState(orphanedInState, stateResource('aws_sqs_queue.old', {}), { configuration, plannedFate })).toBe('compliant');
    expect(checkState(orphanedInState, stateResource('aws_sqs_queue.kept', {}), { configuration, plannedFate })).toBe('compliant');
    expect(messages(checkState(orphanedInState, stateResource('aws_sqs_queue.other', {}), { configuration, plannedFate }))).toEqual([
      'high: in state but not declared in cdk.tf.json: the next apply destroys it; a queue: messages in it are lost',
    ]);
  });

  it("reads the configuration's own moved and removed blocks", () => {
    const declared = declaredInTerraformJson(
      {
        resource: { aws_sqs_queue: { jobs: {} } },
        moved: [
          { from: 'aws_sqs_queue.old', to: 'aws_sqs_queue.jobs' },
          { from: 'aws_sqs_queue.lost', to: 'aws_sqs_queue.nowhere' },
        ],
        removed: [
          { from: 'aws_sqs_queue.kept', lifecycle: [{ destroy: false }] },
          { from: 'aws_sqs_queue.dropped', lifecycle: [{ destroy: true }] },
        ],
      },
      'cdk.tf.json',
    );
    const check = (address: string) => checkState(orphanedInState, stateResource(address, {}), { configuration: declared });

    expect(check('aws_sqs_queue.old')).toBe('compliant');
    expect(check('aws_sqs_queue.kept[0]')).toBe('compliant');
    // A move to an address the configuration does not declare, and a removed block that destroys, still destroy.
    expect(check('aws_sqs_queue.lost')).not.toBe('compliant');
    expect(check('aws_sqs_queue.dropped')).not.toBe('compliant');
  });
});
