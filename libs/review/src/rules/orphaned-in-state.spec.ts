import { checkState, messages, stateResource } from '../testing/builders';
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
