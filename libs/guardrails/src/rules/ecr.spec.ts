import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { EcrRepository as AwsEcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepository } from '@llm/constructs/ecr';
import { checkStack, findingsOf, problemsOf } from '../spec-helpers';

const ECR_RULES = ['ecr-tag-immutability', 'ecr-scan-on-push'];

describe('ECR rules', () => {
  it('pass an EcrRepository: immutable tags, scan on push', () => {
    const report = checkStack((stack) => {
      new EcrRepository(stack, 'Images', { repositoryName: 'llm-platform-dev-api' });
    });

    expect(report.findings.filter((finding) => ECR_RULES.includes(finding.ruleId))).toEqual([]);
  });

  it('fail a repository with ECR defaults on both, saying what to set', () => {
    const report = checkStack((stack) => {
      new AwsEcrRepository(stack, 'Images', { name: 'llm-platform-dev-api' });
    });

    expect(problemsOf(report, 'ecr-tag-immutability')).toEqual([
      'stack/Images: lets a push overwrite an existing tag: image_tag_mutability is not set (MUTABLE)',
    ]);
    expect(findingsOf(report, 'ecr-tag-immutability')[0].fix).toBe('set image_tag_mutability = "IMMUTABLE" (EcrRepository from @llm/constructs/ecr does)');
    expect(problemsOf(report, 'ecr-scan-on-push')).toEqual([
      'stack/Images: does not scan images on push: image_scanning_configuration scan_on_push is not true and no registry scanning rule covers it',
    ]);
  });

  it('fail mutable tags named explicitly', () => {
    const report = checkStack((stack) => {
      new AwsEcrRepository(stack, 'Images', { name: 'api', imageTagMutability: 'MUTABLE', imageScanningConfiguration: { scanOnPush: true } });
    });

    expect(problemsOf(report, 'ecr-tag-immutability')).toEqual(['stack/Images: lets a push overwrite an existing tag: image_tag_mutability is MUTABLE']);
    expect(findingsOf(report, 'ecr-scan-on-push')).toEqual([]);
  });

  it('accept scanning by a registry scanning rule whose filter matches the repository, and only then', () => {
    const withRule = (filter: string) =>
      checkStack((stack) => {
        new AwsEcrRepository(stack, 'Images', { name: 'llm-platform-dev-api', imageTagMutability: 'IMMUTABLE' });
        new EcrRegistryScanningConfiguration(stack, 'Scanning', {
          scanType: 'ENHANCED',
          rule: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilter: [{ filter, filterType: 'WILDCARD' }] }],
        });
      });

    expect(findingsOf(withRule('llm-platform-*'), 'ecr-scan-on-push')).toEqual([]);
    expect(findingsOf(withRule('other-*'), 'ecr-scan-on-push')).toHaveLength(1);
  });
});
