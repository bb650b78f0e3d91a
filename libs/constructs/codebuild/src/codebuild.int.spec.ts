import { EcrRepository } from '@llm/constructs/ecr';
import { describeWithTerraform, planOffline } from '@llm/terraform/testing';
import { ImagePipeline } from './index';
import { ACCOUNT_ID, PARAMETER_NAME, PROPS } from './spec-helpers';

describeWithTerraform('ImagePipeline with the real terraform', () => {
  it('plans an arm64 pipeline with a new connection, an x86_64 one on an existing connection, and one waiting for its connection', async () => {
    const result = await planOffline(
      (stack) => {
        const repository = new EcrRepository(stack, 'Repository', { repositoryName: 'llm-platform-prod-api', production: true });
        new ImagePipeline(stack, 'Images', {
          ...PROPS,
          ecrRepositoryName: repository.repositoryName,
          connectionArn: undefined,
          connectionName: 'llm-platform-prod-github',
          initialImageDigest: `sha256:${'0'.repeat(64)}`,
          logRetentionDays: 365,
        });
        new ImagePipeline(stack, 'X86Images', {
          ...PROPS,
          projectName: 'llm-platform-prod-eu-west-1-api-image-x86',
          roleName: 'llm-platform-prod-eu-west-1-api-image-x86',
          imageDigestParameterName: `${PARAMETER_NAME}-x86`,
          connectionArn: `arn:aws:codestar-connections:eu-west-1:${ACCOUNT_ID}:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789`,
          architecture: 'x86_64',
          computeType: 'BUILD_GENERAL1_MEDIUM',
          branch: 'release/1.0',
          buildTimeoutMinutes: 60,
        });
        new ImagePipeline(stack, 'PendingImages', {
          ...PROPS,
          projectName: 'llm-platform-staging-eu-west-1-api-image',
          roleName: 'llm-platform-staging-eu-west-1-api-image-build',
          imageDigestParameterName: '/llm-platform/staging/eu-west-1/api-image-digest',
          connectionArn: undefined,
          connectionName: 'llm-platform-staging-github',
          connectionAvailable: false,
        });
      },
      { region: 'eu-west-1' },
    );

    expect(result.ok ? '' : result.error).toBe('');
    // Repository + lifecycle policy; 7 for the first pipeline (connection, log group, parameter,
    // role, policy, project, webhook), 6 for the second (no connection), 5 for the pending one
    // (no project, no webhook).
    expect(result).toMatchObject({ ok: true, add: 20, change: 0, destroy: 0 });
    if (!result.ok) return;
    const changes = result.plan.resource_changes ?? [];
    expect(changes.filter((change) => change.mode === 'data')).toEqual([]);
    const count = (type: string) => changes.filter((change) => change.type === type).length;
    expect([count('aws_codebuild_project'), count('aws_codebuild_webhook'), count('aws_codeconnections_connection')]).toEqual([2, 2, 2]);

    const arm = changes.find((change) => change.type === 'aws_codebuild_project' && change.change.after?.name === PROPS.projectName)?.change.after;
    expect(arm).toMatchObject({
      build_timeout: 30,
      source_version: 'main',
      artifacts: [{ type: 'NO_ARTIFACTS' }],
      environment: [
        {
          type: 'ARM_CONTAINER',
          image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
          compute_type: 'BUILD_GENERAL1_SMALL',
          privileged_mode: true,
        },
      ],
      source: [
        { type: 'GITHUB', location: 'https://github.com/acme/llm-platform.git', buildspec: 'apps/llm-api/buildspec.yml', auth: [{ type: 'CODECONNECTIONS' }] },
      ],
    });
    const parameter = changes.find((change) => change.type === 'aws_ssm_parameter' && change.change.after?.name === PARAMETER_NAME)?.change.after;
    expect(parameter).toMatchObject({ type: 'String', insecure_value: `sha256:${'0'.repeat(64)}` });
    const x86Webhook = changes
      .filter((change) => change.type === 'aws_codebuild_webhook')
      .map((change) => change.change.after?.filter_group)
      .find((groups) => JSON.stringify(groups).includes('release'));
    expect(x86Webhook).toEqual([
      {
        filter: [
          { type: 'EVENT', pattern: 'PUSH', exclude_matched_pattern: false },
          { type: 'HEAD_REF', pattern: '^refs/heads/release/1\\.0$', exclude_matched_pattern: false },
        ],
      },
    ]);
  });
});
