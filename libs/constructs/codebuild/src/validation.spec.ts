import type { ImagePipelineProps } from './index';
import { CONNECTION_ARN, synthPipeline, WHERE } from './spec-helpers';

const failure = (overrides: Partial<ImagePipelineProps>) => () => synthPipeline(overrides);

describe('ImagePipeline validation', () => {
  it.each(['a', '-llm', 'llm platform', 'x'.repeat(256)])('rejects the project name "%s"', (projectName) => {
    expect(failure({ projectName })).toThrow(
      new Error(`ImagePipeline projectName must be 2..255 letters, digits, - or _, starting with a letter or digit, got "${projectName}" ${WHERE}`),
    );
  });

  it.each(['33333333333', '33333333333a'])('rejects the account id "%s"', (accountId) => {
    expect(failure({ accountId })).toThrow(new Error(`ImagePipeline accountId must be 12 digits, got "${accountId}" ${WHERE}`));
  });

  it('rejects an unknown region', () => {
    expect(() => synthPipeline({ region: 'eu-west-9' }, { context: null })).toThrow(
      new Error('ImagePipeline region must be a known AWS region, got "eu-west-9" (construct stack/Images)'),
    );
  });

  it("rejects a region other than the stack's", () => {
    expect(failure({ region: 'us-east-1' })).toThrow(
      new Error(
        'ImagePipeline region must be the region of the stack it is created in, eu-west-1, got us-east-1: ' +
          `the project, its repository and its parameter live in one region ${WHERE}`,
      ),
    );
  });

  it.each(['acme', 'acme/llm/platform', 'https://github.com/acme/llm-platform'])('rejects the GitHub repository "%s"', (githubRepository) => {
    expect(failure({ githubRepository })).toThrow(
      new Error(`ImagePipeline githubRepository must be "owner/repository" on GitHub, got "${githubRepository}" ${WHERE}`),
    );
  });

  it.each(['', '-main', 'feature//x', 'a..b', 'main/', 'refs/heads/main lol', 'x.lock', '.hidden'])('rejects the branch "%s"', (branch) => {
    expect(failure({ branch })).toThrow(
      new Error(
        `ImagePipeline branch must be a git branch name: letters, digits and . _ / -, not starting with - . or /, without .. or //, got "${branch}" ${WHERE}`,
      ),
    );
  });

  it.each(['main', 'release/1.0', 'feature/JIRA-12_x'])('accepts the branch "%s"', (branch) => {
    expect(() => synthPipeline({ branch })).not.toThrow();
  });

  it('rejects an ECR repository name ECR would refuse', () => {
    expect(failure({ ecrRepositoryName: 'LLM-Api' })).toThrow(
      new Error(
        'ImagePipeline ecrRepositoryName must be an ECR repository name: 2..256 lower-case letters and digits, parts joined by . _ or -, ' +
          `path segments by /, got "LLM-Api" ${WHERE}`,
      ),
    );
  });

  describe('connection', () => {
    it('refuses both an existing connection and a name for a new one', () => {
      expect(failure({ connectionName: 'llm-platform-prod-github' })).toThrow(
        new Error(
          'ImagePipeline connectionArn and connectionName exclude each other, got both: give connectionArn to use an existing connection, ' +
            `or connectionName to create one ${WHERE}`,
        ),
      );
    });

    it('refuses neither', () => {
      expect(failure({ connectionArn: undefined })).toThrow(
        new Error(
          'ImagePipeline needs a GitHub connection, got neither connectionArn nor connectionName: give connectionArn to use an existing connection, ' +
            `or connectionName to create one ${WHERE}`,
        ),
      );
    });

    it.each([
      'arn:aws:codebuild:eu-west-1:333333333333:project/x',
      'arn:aws:codeconnections:eu-west-1:333333333333:host/abc',
      CONNECTION_ARN.replace('333333333333', '3333'),
    ])('rejects the connection ARN "%s"', (connectionArn) => {
      expect(failure({ connectionArn })).toThrow(
        new Error(
          'ImagePipeline connectionArn must be a CodeConnections connection ARN ' +
            `(arn:<partition>:codeconnections|codestar-connections:<region>:<account>:connection/<id>), got "${connectionArn}" ${WHERE}`,
        ),
      );
    });

    it('rejects a connection name over the 32-character limit', () => {
      const connectionName = 'llm-platform-production-github-app';

      expect(failure({ connectionArn: undefined, connectionName })).toThrow(
        new Error(
          `ImagePipeline connectionName must be 1..32 letters, digits, - _ or . (the CodeConnections limit is 32 characters), got "${connectionName}" ${WHERE}`,
        ),
      );
    });
  });

  describe('image digest parameter', () => {
    it.each(['llm-platform/prod/api-image-digest', '/llm platform/x', '/a//b', '/a/'])('rejects the parameter name "%s"', (name) => {
      expect(failure({ imageDigestParameterName: name })).toThrow(
        new Error(
          'ImagePipeline imageDigestParameterName must be a parameter path such as /llm-platform/prod/eu-west-1/api-image-digest: ' +
            `"/" then segments of letters, digits and _ . - joined by "/", at most 1011 characters, got "${name}" ${WHERE}`,
        ),
      );
    });

    it.each(['/aws/x', '/SSM-params/x'])('rejects the reserved prefix of "%s"', (name) => {
      expect(failure({ imageDigestParameterName: name })).toThrow(
        new Error(`ImagePipeline imageDigestParameterName must not start with "aws" or "ssm" (reserved by AWS), got "${name}" ${WHERE}`),
      );
    });

    it('rejects more than 15 levels', () => {
      const name = `/${Array.from({ length: 16 }, (_, index) => `l${index}`).join('/')}`;

      expect(failure({ imageDigestParameterName: name })).toThrow(
        new Error(`ImagePipeline imageDigestParameterName may have at most 15 hierarchy levels, got 16 in "${name}" ${WHERE}`),
      );
    });

    it.each(['sha256:abc', 'latest', `sha256:${'A'.repeat(64)}`])('rejects the initial digest "%s"', (digest) => {
      expect(failure({ initialImageDigest: digest })).toThrow(
        new Error(`ImagePipeline initialImageDigest must be "sha256:" followed by 64 lower-case hex digits, got "${digest}" ${WHERE}`),
      );
    });
  });

  describe('build settings', () => {
    it('rejects an unknown architecture', () => {
      expect(failure({ architecture: 'aarch64' as never })).toThrow(
        new Error(`ImagePipeline architecture must be one of 'arm64', 'x86_64', got "aarch64" ${WHERE}`),
      );
    });

    it('rejects an unknown compute type', () => {
      expect(failure({ computeType: 'BUILD_GENERAL1_2XLARGE' as never })).toThrow(
        new Error(
          `ImagePipeline computeType must be one of 'BUILD_GENERAL1_SMALL', 'BUILD_GENERAL1_MEDIUM', 'BUILD_GENERAL1_LARGE', got "BUILD_GENERAL1_2XLARGE" ${WHERE}`,
        ),
      );
    });

    it('rejects a retention CloudWatch Logs does not offer', () => {
      expect(failure({ logRetentionDays: 100 })).toThrow(
        new Error(
          'ImagePipeline logRetentionDays must be one of the CloudWatch Logs periods ' +
            `1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 100 ${WHERE}`,
        ),
      );
    });

    it.each([4, 2161, 30.5])('rejects a build timeout of %s minutes', (minutes) => {
      expect(failure({ buildTimeoutMinutes: minutes })).toThrow(
        new Error(`ImagePipeline buildTimeoutMinutes must be a whole number of minutes 5..2160, got ${minutes} ${WHERE}`),
      );
    });

    it.each(['/apps/llm-api/buildspec.yml', '../buildspec.yml', 'apps/llm-api/buildspec.json'])('rejects the buildspec path "%s"', (path) => {
      expect(failure({ buildspecPath: path })).toThrow(
        new Error(`ImagePipeline buildspecPath must be a .yml or .yaml path relative to the repository root, without .., got "${path}" ${WHERE}`),
      );
    });
  });

  it('leaves role name and boundary checks to ExecutionRole, which names them', () => {
    expect(failure({ roleName: 'x'.repeat(65) })).toThrow(/^ExecutionRole roleName must be 1\.\.64 letters/);
  });
});
