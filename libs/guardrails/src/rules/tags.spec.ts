import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { checkStack, findingsOf, problemsOf, STANDARD_TAGS } from '../spec-helpers';

const KEY = 'alias/aws/sns';

describe('required-tags', () => {
  it('passes a resource whose provider default_tags carry every required tag', () => {
    const report = checkStack((stack) => {
      new SnsTopic(stack, 'Topic', { name: 'alerts', kmsMasterKeyId: KEY });
    });

    expect(findingsOf(report, 'required-tags')).toEqual([]);
  });

  it('fails a resource when neither default_tags nor its own tags carry them, naming the missing keys', () => {
    const report = checkStack(
      (stack) => {
        new SnsTopic(stack, 'Topic', { name: 'alerts', kmsMasterKeyId: KEY, tags: { Project: 'llm-platform' } });
      },
      { defaultTags: { Environment: 'dev' } },
    );

    expect(problemsOf(report, 'required-tags')).toEqual([
      "stack/Topic: lacks the required tag(s) Owner, CostCenter, ManagedBy, Region or Scope: neither the provider's default_tags nor the resource's own tags set them",
    ]);
    expect(findingsOf(report, 'required-tags')[0].fix).toContain('standardTags(env, scope, isRegional)');
  });

  it("passes a resource whose own tags complete the provider's", () => {
    const { Project, Environment, ...rest } = STANDARD_TAGS;
    const report = checkStack(
      (stack) => {
        new SnsTopic(stack, 'Topic', { name: 'alerts', kmsMasterKeyId: KEY, tags: rest });
      },
      { defaultTags: { Project, Environment } },
    );

    expect(findingsOf(report, 'required-tags')).toEqual([]);
  });

  it('does not apply to resource types without tags', () => {
    const report = checkStack(
      (stack) => {
        new RouteTableAssociation(stack, 'Association', { routeTableId: 'rtb-1', subnetId: 'subnet-1' });
      },
      { defaultTags: false },
    );

    expect(findingsOf(report, 'required-tags')).toEqual([]);
  });
});
