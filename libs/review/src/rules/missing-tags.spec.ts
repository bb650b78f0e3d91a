import { checkChange, COMPLETE_TAGS, messages, resourceChange } from '../testing/builders';
import { missingTags } from './missing-tags';

describe('missing-tags', () => {
  it('names the required keys that tags_all lacks', () => {
    const { Owner: _owner, Region: _region, ...tags } = COMPLETE_TAGS;
    const change = resourceChange('aws_s3_bucket.data', ['create'], null, { bucket: 'data', tags_all: tags });

    expect(messages(checkChange(missingTags, change))).toEqual(['low: tags_all lacks Owner, Region or Scope']);
  });

  it('accepts the standard tags, Scope instead of Region, and keys known only after apply', () => {
    const { Region: _region, ...global } = COMPLETE_TAGS;
    const { Owner: _owner, ...partial } = COMPLETE_TAGS;
    const complete = resourceChange('aws_s3_bucket.data', ['create'], null, { tags_all: COMPLETE_TAGS });
    const scoped = resourceChange('aws_iam_policy.boundary', ['update'], {}, { tags_all: { ...global, Scope: 'global' } });
    const unknownOwner = resourceChange('aws_s3_bucket.data', ['create'], null, { tags_all: partial }, { after_unknown: { tags_all: { Owner: true } } });

    expect(checkChange(missingTags, complete)).toBe('compliant');
    expect(checkChange(missingTags, scoped)).toBe('compliant');
    expect(checkChange(missingTags, unknownOwner)).toBe('compliant');
  });

  it('does not judge untaggable types, deletes, or tags known only after apply', () => {
    expect(checkChange(missingTags, resourceChange('aws_s3_bucket_policy.data', ['create'], null, { policy: '{}' }))).toBe('not-applicable');
    expect(checkChange(missingTags, resourceChange('aws_s3_bucket.data', ['delete'], { tags_all: {} }, null))).toBe('not-applicable');
    expect(checkChange(missingTags, resourceChange('aws_s3_bucket.data', ['create'], null, { tags_all: {} }, { after_unknown: { tags_all: true } }))).toBe(
      'not-applicable',
    );
  });
});
