import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CodebuildProject } from '@cdktf/provider-aws/lib/codebuild-project';
import { CodebuildWebhook } from '@cdktf/provider-aws/lib/codebuild-webhook';
import { CodeconnectionsConnection } from '@cdktf/provider-aws/lib/codeconnections-connection';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { auditStackPolicies } from '@llm/constructs/iam';
import { TerraformVariable, Testing } from 'cdktf';
import { branchRefPattern, ImagePipeline, IMAGE_DIGEST_PLACEHOLDER } from './index';
import {
  ACCOUNT_ID,
  CONNECTION_ARN,
  DIGEST,
  logicalIdsOf,
  onlyResource,
  PARAMETER_NAME,
  PROJECT_NAME,
  PROPS,
  REPOSITORY_NAME,
  resourcesOf,
  roleStatements,
  synthPipeline,
} from './spec-helpers';

const LOG_GROUP = `/aws/codebuild/${PROJECT_NAME}`;
const REPOSITORY_ARN = `arn:aws:ecr:eu-west-1:${ACCOUNT_ID}:repository/${REPOSITORY_NAME}`;
const PARAMETER_ARN = `arn:aws:ssm:eu-west-1:${ACCOUNT_ID}:parameter${PARAMETER_NAME}`;

/** The statements every pipeline's role has, with the connection's actions and ARN varying. */
function expectedStatements(connectionActions: string[], connectionArn: string): unknown[] {
  return [
    {
      Sid: expect.stringMatching(/^WriteLogs[0-9a-z]+$/),
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:eu-west-1:${ACCOUNT_ID}:log-group:${LOG_GROUP}:*`,
    },
    { Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
    {
      Sid: 'PushImages',
      Effect: 'Allow',
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:CompleteLayerUpload',
        'ecr:DescribeImages',
        'ecr:InitiateLayerUpload',
        'ecr:PutImage',
        'ecr:UploadLayerPart',
      ],
      Resource: REPOSITORY_ARN,
    },
    { Sid: 'UseGithubConnection', Effect: 'Allow', Action: connectionActions, Resource: connectionArn },
    { Sid: 'WriteImageDigest', Effect: 'Allow', Action: ['ssm:PutParameter'], Resource: PARAMETER_ARN },
  ];
}

describe('ImagePipeline', () => {
  describe('project', () => {
    it('builds the repository with apps/llm-api/buildspec.yml through the connection, with no artifacts, in 30 minutes at most', () => {
      expect(synthPipeline()).toHaveResourceWithProperties(CodebuildProject, {
        name: PROJECT_NAME,
        build_timeout: 30,
        source_version: 'main',
        artifacts: { type: 'NO_ARTIFACTS' },
        source: {
          type: 'GITHUB',
          location: 'https://github.com/acme/llm-platform.git',
          buildspec: 'apps/llm-api/buildspec.yml',
          git_clone_depth: 1,
          report_build_status: true,
          auth: { type: 'CODECONNECTIONS', resource: CONNECTION_ARN },
        },
        cache: { type: 'LOCAL', modes: ['LOCAL_DOCKER_LAYER_CACHE', 'LOCAL_SOURCE_CACHE'] },
      });
    });

    it('runs Docker in privileged mode on an ARM host for an arm64 function, by default', () => {
      expect(onlyResource(synthPipeline(), 'aws_codebuild_project').environment).toEqual({
        type: 'ARM_CONTAINER',
        image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
        compute_type: 'BUILD_GENERAL1_SMALL',
        image_pull_credentials_type: 'CODEBUILD',
        privileged_mode: true,
        environment_variable: [
          { name: 'AWS_ACCOUNT_ID', value: ACCOUNT_ID, type: 'PLAINTEXT' },
          { name: 'ECR_REPOSITORY', value: REPOSITORY_NAME, type: 'PLAINTEXT' },
          { name: 'LAMBDA_ARCHITECTURE', value: 'arm64', type: 'PLAINTEXT' },
          { name: 'IMAGE_DIGEST_PARAMETER', value: PARAMETER_NAME, type: 'PLAINTEXT' },
        ],
      });
    });

    it('builds on an x86 host, and tells the build, for an x86_64 function', () => {
      const environment = onlyResource(synthPipeline({ architecture: 'x86_64', computeType: 'BUILD_GENERAL1_LARGE' }), 'aws_codebuild_project').environment;

      expect(environment).toMatchObject({
        type: 'LINUX_CONTAINER',
        image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
        compute_type: 'BUILD_GENERAL1_LARGE',
        privileged_mode: true,
      });
      expect(environment.environment_variable).toContainEqual({ name: 'LAMBDA_ARCHITECTURE', value: 'x86_64', type: 'PLAINTEXT' });
    });

    it('takes branch, buildspec, timeout and description from props', () => {
      const synthesized = synthPipeline({ branch: 'release', buildspecPath: 'build/other.yaml', buildTimeoutMinutes: 60, description: 'Images' });

      expect(synthesized).toHaveResourceWithProperties(CodebuildProject, {
        source_version: 'release',
        build_timeout: 60,
        description: 'Images',
        source: expect.objectContaining({ buildspec: 'build/other.yaml' }),
      });
    });

    it('uses its service role by reference and waits for the role policy, which CodeBuild checks at creation', () => {
      const synthesized = synthPipeline();
      const [roleId] = logicalIdsOf(synthesized, 'aws_iam_role');
      const [policyId] = logicalIdsOf(synthesized, 'aws_iam_role_policy');
      const project = onlyResource(synthesized, 'aws_codebuild_project');

      expect(project.service_role).toBe(`\${aws_iam_role.${roleId}.arn}`);
      expect(project.depends_on).toEqual([`aws_iam_role_policy.${policyId}`]);
    });

    it('declares no data source, so it plans offline', () => {
      expect(JSON.parse(synthPipeline()).data).toBeUndefined();
    });
  });

  describe('trigger', () => {
    it('starts a build on pushes to main only', () => {
      const synthesized = synthPipeline();
      const [projectId] = logicalIdsOf(synthesized, 'aws_codebuild_project');

      expect(onlyResource(synthesized, 'aws_codebuild_webhook')).toEqual({
        project_name: `\${aws_codebuild_project.${projectId}.name}`,
        build_type: 'BUILD',
        filter_group: [
          {
            filter: [
              { type: 'EVENT', pattern: 'PUSH' },
              { type: 'HEAD_REF', pattern: '^refs/heads/main$' },
            ],
          },
        ],
      });
    });

    it('matches another branch literally, dots included', () => {
      expect(synthPipeline({ branch: 'release/1.0' })).toHaveResourceWithProperties(CodebuildWebhook, {
        filter_group: [
          {
            filter: [
              { type: 'EVENT', pattern: 'PUSH' },
              { type: 'HEAD_REF', pattern: '^refs/heads/release/1\\.0$' },
            ],
          },
        ],
      });
      expect(new RegExp(branchRefPattern('release/1.0')).test('refs/heads/release/1x0')).toBe(false);
      expect(new RegExp(branchRefPattern('main')).test('refs/heads/main-old')).toBe(false);
    });
  });

  describe('connection', () => {
    it('creates a GitHub connection when given a name, and uses it for the source and the grant', () => {
      const synthesized = synthPipeline({ connectionArn: undefined, connectionName: 'llm-platform-prod-github' });
      const [connectionId] = logicalIdsOf(synthesized, 'aws_codeconnections_connection');
      const reference = `\${aws_codeconnections_connection.${connectionId}.arn}`;

      expect(synthesized).toHaveResourceWithProperties(CodeconnectionsConnection, { name: 'llm-platform-prod-github', provider_type: 'GitHub' });
      expect(onlyResource(synthesized, 'aws_codebuild_project').source.auth).toEqual({ type: 'CODECONNECTIONS', resource: reference });
      expect(roleStatements(synthesized)[3]).toEqual({
        Sid: 'UseGithubConnection',
        Effect: 'Allow',
        Action: ['codeconnections:GetConnection', 'codeconnections:GetConnectionToken', 'codeconnections:UseConnection'],
        Resource: reference,
      });
    });

    it('creates no connection when given an existing one', () => {
      expect(resourcesOf(synthPipeline(), 'aws_codeconnections_connection')).toEqual([]);
    });

    it('while the connection is pending, creates the connection, role, log group and parameter but no project or webhook', () => {
      const synthesized = synthPipeline({ connectionArn: undefined, connectionName: 'llm-platform-prod-github', connectionAvailable: false });

      expect(Object.keys(JSON.parse(synthesized).resource).sort()).toEqual([
        'aws_cloudwatch_log_group',
        'aws_codeconnections_connection',
        'aws_iam_role',
        'aws_iam_role_policy',
        'aws_ssm_parameter',
      ]);
    });

    it('exposes the project and webhook only once they exist', () => {
      Testing.synthScope((scope) => {
        const pending = new ImagePipeline(scope, 'Pending', { ...PROPS, connectionAvailable: false });
        const ready = new ImagePipeline(scope, 'Ready', { ...PROPS, projectName: 'other', roleName: 'other', imageDigestParameterName: '/other' });

        expect([pending.project, pending.webhook, pending.connection]).toEqual([undefined, undefined, undefined]);
        expect(pending.connectionArn).toBe(CONNECTION_ARN);
        expect(ready.project).toBeInstanceOf(CodebuildProject);
        expect(ready.webhook).toBeInstanceOf(CodebuildWebhook);
      });
    });
  });

  describe('logs', () => {
    it('creates the build log group with 90 days retention by default, and sends the build logs there only', () => {
      const synthesized = synthPipeline();
      const [groupId] = logicalIdsOf(synthesized, 'aws_cloudwatch_log_group');

      expect(onlyResource(synthesized, 'aws_cloudwatch_log_group')).toEqual({ name: LOG_GROUP, retention_in_days: 90 });
      expect(onlyResource(synthesized, 'aws_codebuild_project').logs_config).toEqual({
        cloudwatch_logs: { status: 'ENABLED', group_name: `\${aws_cloudwatch_log_group.${groupId}.name}` },
        s3_logs: { status: 'DISABLED' },
      });
    });

    it('keeps logs as long as configured', () => {
      expect(synthPipeline({ logRetentionDays: 365 })).toHaveResourceWithProperties(CloudwatchLogGroup, { name: LOG_GROUP, retention_in_days: 365 });
    });
  });

  describe('service role', () => {
    it('is assumable by CodeBuild of this account only, and carries the permission boundary', () => {
      const role = onlyResource(synthPipeline(), 'aws_iam_role');

      expect(role.permissions_boundary).toBe(PROPS.permissionBoundaryArn);
      expect(role.name).toBe(PROPS.roleName);
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'codebuild.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT_ID } },
        },
      ]);
    });

    it('may write its logs, push to its repository, use its connection and write its parameter, and nothing else', () => {
      expect(roleStatements(synthPipeline())).toEqual(
        expectedStatements(['codeconnections:GetConnection', 'codeconnections:GetConnectionToken', 'codeconnections:UseConnection'], CONNECTION_ARN),
      );
    });

    it('names the connection actions with the prefix of an older codestar-connections ARN', () => {
      const legacyArn = `arn:aws:codestar-connections:eu-west-1:${ACCOUNT_ID}:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;

      expect(roleStatements(synthPipeline({ connectionArn: legacyArn }))).toEqual(
        expectedStatements(['codestar-connections:GetConnection', 'codestar-connections:GetConnectionToken', 'codestar-connections:UseConnection'], legacyArn),
      );
    });

    it('passes the policy audit every stack gets, with a created connection too: no action wildcard, "*" only for the ECR login', () => {
      const synthesized = synthPipeline();
      const withConnection = synthPipeline({ connectionArn: undefined, connectionName: 'llm-platform-prod-github' });
      const statements = roleStatements(synthesized);

      expect([...auditStackPolicies(JSON.parse(synthesized)), ...auditStackPolicies(JSON.parse(withConnection))]).toEqual([]);
      expect(statements.filter((statement) => statement.Resource === '*').map((statement) => statement.Action)).toEqual([['ecr:GetAuthorizationToken']]);
    });

    it('is an IAM role of its own, not shared with the function', () => {
      expect(synthPipeline()).toHaveResourceWithProperties(IamRole, { name: 'llm-platform-prod-eu-west-1-api-image-build' });
    });
  });

  describe('image digest parameter', () => {
    it('is a String parameter holding a placeholder until the first build, whose value Terraform then leaves alone', () => {
      expect(onlyResource(synthPipeline(), 'aws_ssm_parameter')).toEqual({
        name: PARAMETER_NAME,
        type: 'String',
        description: `Digest of the newest llm-api image pushed by CodeBuild project ${PROJECT_NAME}; written by the build`,
        insecure_value: IMAGE_DIGEST_PLACEHOLDER,
        lifecycle: { ignore_changes: ['insecure_value'] },
      });
      expect(IMAGE_DIGEST_PLACEHOLDER).toBe('pending-first-build');
    });

    it('starts from the approved digest when given one', () => {
      expect(synthPipeline({ initialImageDigest: DIGEST })).toHaveResourceWithProperties(SsmParameter, { insecure_value: DIGEST });
    });

    it('tells the build its name and exposes its ARN for the readers', () => {
      Testing.synthScope((scope) => {
        const pipeline = new ImagePipeline(scope, 'Images', PROPS);

        expect(pipeline.imageDigestParameterName).toBe(PARAMETER_NAME);
        expect(pipeline.imageDigestParameterArn).toBe(PARAMETER_ARN);
        expect(pipeline.repositoryArn).toBe(REPOSITORY_ARN);
      });
    });
  });

  describe('tokens', () => {
    it('accepts names, retention and timeout only known at plan time', () => {
      expect(() =>
        Testing.synthScope((scope) => {
          const text = (name: string) => new TerraformVariable(scope, name, { type: 'string' }).stringValue;
          const number = (name: string) => new TerraformVariable(scope, name, { type: 'number' }).numberValue;
          new ImagePipeline(scope, 'Images', {
            ...PROPS,
            projectName: text('project'),
            ecrRepositoryName: text('repository'),
            githubRepository: text('github'),
            connectionArn: text('connection'),
            imageDigestParameterName: text('parameter'),
            logRetentionDays: number('retention'),
            buildTimeoutMinutes: number('timeout'),
          });
        }),
      ).not.toThrow();
    });
  });
});
