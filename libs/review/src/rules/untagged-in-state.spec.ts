import { checkState, COMPLETE_TAGS, messages, stateResource } from '../testing/builders';
import { untaggedInState } from './untagged-in-state';

describe('untagged-in-state', () => {
  it('flags a resource with no tags, and one that lacks some', () => {
    const { CostCenter: _costCenter, ...tags } = COMPLETE_TAGS;

    expect(messages(checkState(untaggedInState, stateResource('aws_s3_bucket.a', { tags_all: {} })))).toEqual(['low: untagged (tags_all is empty)']);
    expect(messages(checkState(untaggedInState, stateResource('aws_s3_bucket.b', { tags_all: tags })))).toEqual(['low: tags_all lacks CostCenter']);
  });

  it('does not fire on tagged resources or types without tags', () => {
    expect(checkState(untaggedInState, stateResource('aws_s3_bucket.a', { tags_all: COMPLETE_TAGS }))).toBe('compliant');
    expect(checkState(untaggedInState, stateResource('aws_s3_bucket_policy.a', { policy: '{}' }))).toBe('not-applicable');
  });
});
