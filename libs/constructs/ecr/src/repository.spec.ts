import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository as AwsEcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { setDeploymentContext, type DeploymentContext } from '@llm/config';
import { TerraformOutput, Testing } from 'cdktf';
import { EcrRepository, type EcrRepositoryProps } from './index';

const PROD_EU: DeploymentContext = { environment: 'prod', region: 'eu-west-1' };
const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function synth(props: Partial<EcrRepositoryProps> = {}, context?: DeploymentContext): string {
  return Testing.synthScope((scope) => {
    if (context) setDeploymentContext(scope, context);
    new EcrRepository(scope, 'Repo', { repositoryName: 'llm-platform/api', ...props });
  });
}

/** The one resource of a type in the synthesized JSON, for assertions on what must be absent. */
function onlyResource(synthesized: string, type: string): Record<string, unknown> {
  const resources = Object.values(JSON.parse(synthesized).resource[type] ?? {}) as Array<Record<string, unknown>>;
  expect(resources).toHaveLength(1);
  return resources[0];
}

function lifecycleRules(synthesized: string): unknown {
  return JSON.parse(onlyResource(synthesized, 'aws_ecr_lifecycle_policy').policy as string).rules;
}

describe('EcrRepository', () => {
  it('has immutable tags and scans every image on push', () => {
    const synthesized = synth();

    expect(synthesized).toHaveResourceWithProperties(AwsEcrRepository, {
      name: 'llm-platform/api',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
    });
  });

  it('encrypts with KMS and the AWS managed key by default', () => {
    const repository = onlyResource(synth(), 'aws_ecr_repository');

    expect(repository.encryption_configuration).toEqual([{ encryption_type: 'KMS' }]);
  });

  it('encrypts with a customer managed key when given its ARN', () => {
    const repository = onlyResource(synth({ kmsKeyArn: KEY_ARN }), 'aws_ecr_repository');

    expect(repository.encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: KEY_ARN }]);
  });

  it('encrypts with AES256 when asked', () => {
    const repository = onlyResource(synth({ encryption: 'AES256' }), 'aws_ecr_repository');

    expect(repository.encryption_configuration).toEqual([{ encryption_type: 'AES256' }]);
  });

  it('keeps a repository that holds images on destroy by default', () => {
    expect(synth()).toHaveResourceWithProperties(AwsEcrRepository, { force_delete: false });
  });

  it('force-deletes outside production when asked', () => {
    expect(synth({ forceDelete: true })).toHaveResourceWithProperties(AwsEcrRepository, { force_delete: true });
    expect(synth({ forceDelete: true, production: false })).toHaveResourceWithProperties(AwsEcrRepository, { force_delete: true });
  });

  it('is kept on destroy in production', () => {
    expect(synth({ production: true }, PROD_EU)).toHaveResourceWithProperties(AwsEcrRepository, { force_delete: false });
  });

  it('refuses forceDelete in production, naming the prop, the value and the location', () => {
    expect(() => synth({ production: true, forceDelete: true }, PROD_EU)).toThrow(
      new Error(
        'EcrRepository forceDelete must be false in production, got true: a production repository must never be deleted ' +
          'together with its images (environment prod, region eu-west-1, construct stack/Repo)',
      ),
    );
  });

  it('expires untagged images after 7 days and keeps the last 30 images by default', () => {
    const synthesized = synth();

    expect(lifecycleRules(synthesized)).toEqual([
      {
        rulePriority: 1,
        description: 'Expire untagged images 7 days after push',
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: 'Keep only the 30 most recent images',
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
        action: { type: 'expire' },
      },
    ]);
    expect(synthesized).toHaveResourceWithProperties(EcrLifecyclePolicy, {
      repository: '${aws_ecr_repository.Repo_Repository_9396EBBC.name}',
    });
  });

  it('applies the configured expiry and image count to the lifecycle rules', () => {
    const rules = lifecycleRules(synth({ untaggedExpiryDays: 1, keepLastImages: 1000 }));

    expect(rules).toEqual([
      expect.objectContaining({ rulePriority: 1, selection: expect.objectContaining({ tagStatus: 'untagged', countNumber: 1 }) }),
      expect.objectContaining({ rulePriority: 2, selection: expect.objectContaining({ tagStatus: 'any', countNumber: 1000 }) }),
    ]);
  });

  it('gives the tagStatus "any" rule the highest priority, as ECR requires', () => {
    const rules = lifecycleRules(synth()) as Array<{ rulePriority: number; selection: { tagStatus: string } }>;
    const anyRule = rules.find((rule) => rule.selection.tagStatus === 'any');

    expect(anyRule?.rulePriority).toBe(Math.max(...rules.map((rule) => rule.rulePriority)));
  });

  it('exposes the repository URL, ARN and name as references to the repository', () => {
    const synthesized = Testing.synthScope((scope) => {
      const repository = new EcrRepository(scope, 'Repo', { repositoryName: 'llm-platform/api' });
      new TerraformOutput(scope, 'ecr_repository_url', { value: repository.repositoryUrl });
      new TerraformOutput(scope, 'ecr_repository_arn', { value: repository.repositoryArn });
      new TerraformOutput(scope, 'ecr_repository_name', { value: repository.repositoryName });
    });

    expect(JSON.parse(synthesized).output).toEqual({
      ecr_repository_url: { value: '${aws_ecr_repository.Repo_Repository_9396EBBC.repository_url}' },
      ecr_repository_arn: { value: '${aws_ecr_repository.Repo_Repository_9396EBBC.arn}' },
      ecr_repository_name: { value: '${aws_ecr_repository.Repo_Repository_9396EBBC.name}' },
    });
  });

  describe('validation', () => {
    it.each(['a', 'LLM/api', 'llm//api', 'llm-', '-llm', 'llm/api/', 'llm..api', 'x'.repeat(257)])('rejects the repository name %s', (repositoryName) => {
      expect(() => synth({ repositoryName }, PROD_EU)).toThrow(
        new Error(
          'EcrRepository repositoryName must be 2..256 characters: lower-case letters and digits, parts joined by one of . _ - ' +
            `and path segments by /, starting and ending with a letter or digit, got "${repositoryName}" ` +
            '(environment prod, region eu-west-1, construct stack/Repo)',
        ),
      );
    });

    it.each(['ab', 'llm-platform/prod-eu-west-1/api', 'a.b_c-d', 'x'.repeat(256)])('accepts the repository name %s', (repositoryName) => {
      expect(() => synth({ repositoryName })).not.toThrow();
    });

    it.each([0, 366, 1.5])('rejects untaggedExpiryDays %s', (untaggedExpiryDays) => {
      expect(() => synth({ untaggedExpiryDays }, PROD_EU)).toThrow(
        new Error(
          `EcrRepository untaggedExpiryDays must be a whole number of days 1..365, got ${untaggedExpiryDays} ` +
            '(environment prod, region eu-west-1, construct stack/Repo)',
        ),
      );
    });

    it.each([0, 1001, 2.5])('rejects keepLastImages %s', (keepLastImages) => {
      expect(() => synth({ keepLastImages }, PROD_EU)).toThrow(
        new Error(
          `EcrRepository keepLastImages must be a whole number of images 1..1000, got ${keepLastImages} ` +
            '(environment prod, region eu-west-1, construct stack/Repo)',
        ),
      );
    });

    it('accepts the range limits of untaggedExpiryDays and keepLastImages', () => {
      expect(() => synth({ untaggedExpiryDays: 365, keepLastImages: 1 })).not.toThrow();
    });

    it('rejects a KMS key with AES256 encryption', () => {
      expect(() => synth({ encryption: 'AES256', kmsKeyArn: KEY_ARN }, PROD_EU)).toThrow(
        new Error(
          "EcrRepository kmsKeyArn needs encryption 'KMS', got encryption 'AES256': remove kmsKeyArn or set encryption to 'KMS' " +
            '(environment prod, region eu-west-1, construct stack/Repo)',
        ),
      );
    });

    it('rejects an unknown encryption type from untyped configuration', () => {
      expect(() => synth({ encryption: 'aes256' as never }, PROD_EU)).toThrow(
        new Error(`EcrRepository encryption must be 'AES256' or 'KMS', got "aes256" (environment prod, region eu-west-1, construct stack/Repo)`),
      );
    });

    it.each(['1234abcd-12ab-34cd-56ef-1234567890ab', 'alias/ecr', 'arn:aws:kms:eu-west-1:1111:key/abc', 'arn:aws:s3:::bucket'])(
      'rejects the KMS key ARN %s',
      (kmsKeyArn) => {
        expect(() => synth({ kmsKeyArn }, PROD_EU)).toThrow(
          new Error(
            'EcrRepository kmsKeyArn must be the ARN of a KMS key or alias (arn:aws:kms:<region>:<account>:key/<id>), ' +
              `got "${kmsKeyArn}" (environment prod, region eu-west-1, construct stack/Repo)`,
          ),
        );
      },
    );

    it('accepts a KMS alias ARN', () => {
      expect(() => synth({ kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:alias/ecr' }, PROD_EU)).not.toThrow();
    });

    it("rejects a KMS key outside the stack's region", () => {
      expect(() => synth({ kmsKeyArn: KEY_ARN.replace('eu-west-1', 'us-east-1') }, PROD_EU)).toThrow(
        new Error(
          "EcrRepository kmsKeyArn must name a key in the repository's region eu-west-1, got a key in us-east-1: " +
            'ECR cannot use a key from another region (environment prod, region eu-west-1, construct stack/Repo)',
        ),
      );
    });
  });
});
