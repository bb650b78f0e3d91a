import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { TerraformVariable, Testing } from 'cdktf';
import { EcrRepository, KEEP_LAST_IMAGES, lifecyclePolicyDocument, UNTAGGED_EXPIRY_DAYS } from './index';

describe('lifecyclePolicyDocument', () => {
  it('expires untagged images first, then everything beyond the newest N images', () => {
    const document = lifecyclePolicyDocument({ untaggedExpiryDays: 14, keepLastImages: 50 });

    expect(document.rules.map((rule) => [rule.rulePriority, rule.selection.tagStatus, rule.selection.countNumber])).toEqual([
      [1, 'untagged', 14],
      [2, 'any', 50],
    ]);
  });

  it('states the defaults and ranges the repository documents', () => {
    expect(UNTAGGED_EXPIRY_DAYS).toEqual({ min: 1, max: 365, default: 7 });
    expect(KEEP_LAST_IMAGES).toEqual({ min: 1, max: 1000, default: 30 });
  });

  it('lets Terraform encode the policy when a count is only known at plan time', () => {
    const synthesized = Testing.synthScope((scope) => {
      const days = new TerraformVariable(scope, 'untagged_days', { type: 'number' });
      new EcrRepository(scope, 'Repo', { repositoryName: 'llm-platform/api', untaggedExpiryDays: days.numberValue });
    });

    expect(synthesized).toHaveResourceWithProperties(EcrLifecyclePolicy, {
      policy: expect.stringMatching(/^\$\{jsonencode\(.*"countNumber" = var\.untagged_days.*"countNumber" = 30.*\)\}$/),
    });
  });
});
