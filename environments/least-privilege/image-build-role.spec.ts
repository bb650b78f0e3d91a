/**
 * The CodeBuild service role of the image pipeline (image-packaged environments, primary region),
 * simulated with its synthesized inline policy and the environment's permission boundary: it
 * writes its build logs, pushes to the one image repository, uses the one GitHub connection and
 * writes the one digest parameter; it deploys nothing and reads no data or secret.
 */
import * as iamSimulate from '@cloud-copilot/iam-simulate';
import { imageBuildFacts, pipelineFunctionFacts } from './facts';
import { RECORD_KEY, regionOutside, synthesizeAllEnvironments } from './fixtures';
import { createSimulator, itMeetsEachRow, type AccessRow } from './simulation';
import type { SynthesizedRole } from './synthesized-iam';

const project = synthesizeAllEnvironments();
const simulator = createSimulator(iamSimulate, project);
const roles = project.rolesOfKind('image-build');

function imageBuildRows(role: SynthesizedRole): AccessRow[] {
  const { env } = role;
  const region = role.stack.region;
  const account = env.accountId;
  const partition = role.arn.split(':')[1];
  const facts = imageBuildFacts(project, role);
  const outside = regionOutside(env);
  const stream = `${facts.logGroupArn}:log-stream:build/0123`;
  const repositoryName = facts.repositoryArn.split(':repository/')[1];
  const otherRepository = `arn:${partition}:ecr:${region}:${account}:repository/${repositoryName}-other`;
  const fn = project.rolesOfKind('pipeline-function').find((candidate) => candidate.stack === role.stack);
  const pipeline = fn ? pipelineFunctionFacts(project, fn) : undefined;

  const rows: AccessRow[] = [
    { note: 'a stream of its build log group', request: { action: 'logs:CreateLogStream', resource: stream }, expect: 'allow' },
    { note: 'its build logs', request: { action: 'logs:PutLogEvents', resource: stream }, expect: 'allow' },
    { note: 'logging in to ECR (no resource-level permissions)', request: { action: 'ecr:GetAuthorizationToken', resource: '*' }, expect: 'allow' },
    { note: 'uploading a layer to its repository', request: { action: 'ecr:InitiateLayerUpload', resource: facts.repositoryArn }, expect: 'allow' },
    { note: 'pushing the image manifest to its repository', request: { action: 'ecr:PutImage', resource: facts.repositoryArn }, expect: 'allow' },
    { note: 'reading the pushed digest', request: { action: 'ecr:DescribeImages', resource: facts.repositoryArn }, expect: 'allow' },
    { note: 'writing the image digest parameter', request: { action: 'ssm:PutParameter', resource: facts.digestParameterArn }, expect: 'allow' },

    { note: 'pushing to another repository', request: { action: 'ecr:PutImage', resource: otherRepository }, expect: 'deny:implicit' },
    { note: 'deleting images from its repository', request: { action: 'ecr:BatchDeleteImage', resource: facts.repositoryArn }, expect: 'deny:implicit' },
    { note: "changing its repository's policy", request: { action: 'ecr:SetRepositoryPolicy', resource: facts.repositoryArn }, expect: 'deny:implicit' },
    { note: 'deleting its repository', request: { action: 'ecr:DeleteRepository', resource: facts.repositoryArn }, expect: 'deny:implicit' },
    {
      note: 'pulling layers (nothing pulls during the build)',
      request: { action: 'ecr:GetDownloadUrlForLayer', resource: facts.repositoryArn },
      expect: 'deny:implicit',
    },
    {
      note: `pushing to the replica repository in ${outside}, outside ${env.name}'s regions`,
      request: { action: 'ecr:PutImage', resource: `arn:${partition}:ecr:${outside}:${account}:repository/${repositoryName}` },
      expect: 'deny:boundary:DenyOutsideEnvironmentRegions',
    },
    {
      note: 'writing another parameter',
      request: { action: 'ssm:PutParameter', resource: `arn:${partition}:ssm:${region}:${account}:parameter/llm-platform/${env.name}/other` },
      expect: 'deny:implicit',
    },
    { note: 'deleting the digest parameter', request: { action: 'ssm:DeleteParameter', resource: facts.digestParameterArn }, expect: 'deny:implicit' },
    {
      note: 'writing to another log group',
      request: {
        action: 'logs:PutLogEvents',
        resource: `arn:${partition}:logs:${region}:${account}:log-group:/aws/lambda/llm-platform-${env.name}-${region}-api:log-stream:x`,
      },
      expect: 'deny:implicit',
    },
    {
      note: 'passing itself to a service',
      request: { action: 'iam:PassRole', resource: role.arn, context: { 'iam:PassedToService': 'codebuild.amazonaws.com' } },
      expect: 'deny:implicit',
    },
    { note: 'rewriting its own policy', request: { action: 'iam:PutRolePolicy', resource: role.arn }, expect: 'deny:implicit' },
    {
      note: 'changing the permission boundary',
      request: { action: 'iam:CreatePolicyVersion', resource: role.boundaryArn ?? '' },
      expect: 'deny:boundary:DenyBoundaryChanges',
    },
  ];
  if (facts.connectionArn) {
    rows.push(
      { note: 'using its GitHub connection', request: { action: 'codeconnections:UseConnection', resource: facts.connectionArn }, expect: 'allow' },
      { note: 'the token of its GitHub connection', request: { action: 'codeconnections:GetConnectionToken', resource: facts.connectionArn }, expect: 'allow' },
      {
        note: 'another connection',
        request: {
          action: 'codeconnections:UseConnection',
          resource: facts.connectionArn.replace(/connection\/.*/, 'connection/00000000-0000-4000-a000-000000000000'),
        },
        expect: 'deny:implicit',
      },
      { note: 'deleting its connection', request: { action: 'codeconnections:DeleteConnection', resource: facts.connectionArn }, expect: 'deny:implicit' },
    );
  }
  if (pipeline) {
    rows.push(
      {
        note: 'deploying the function it builds for (the deploy role does that)',
        request: { action: 'lambda:UpdateFunctionCode', resource: pipeline.functionArn },
        expect: 'deny:implicit',
      },
      { note: 'reading the API key', request: { action: 'secretsmanager:GetSecretValue', resource: pipeline.secretArn }, expect: 'deny:implicit' },
      { note: 'reading a generation record', request: { action: 's3:GetObject', resource: `${pipeline.bucketArn}/${RECORD_KEY}` }, expect: 'deny:implicit' },
      { note: 'writing a generation record', request: { action: 's3:PutObject', resource: `${pipeline.bucketArn}/${RECORD_KEY}` }, expect: 'deny:implicit' },
    );
  }
  return rows;
}

describe('least privilege: the image pipeline (CodeBuild) role', () => {
  it('exists only in the primary region of image-packaged environments with an image pipeline', () => {
    for (const role of roles) expect(role.stack.region).toBe(role.env.regions[0].region);
  });

  if (roles.length === 0) {
    it.todo('no environment builds images with CodeBuild today: add rows when one does');
  }

  describe.each(roles.map((role) => ({ label: `${role.name} (${role.stack.name})`, role })))('$label', ({ role }) => {
    itMeetsEachRow(simulator, role, imageBuildRows(role));

    const account = role.env.accountId;
    const trustRows: ReadonlyArray<{ title: string; principal: string; context: Record<string, string>; expect: string }> = [
      {
        title: 'may be assumed by CodeBuild for its own account',
        principal: 'codebuild.amazonaws.com',
        context: { 'aws:SourceAccount': account },
        expect: 'Allowed',
      },
      {
        title: 'may not be assumed by CodeBuild for another account (confused deputy)',
        principal: 'codebuild.amazonaws.com',
        context: { 'aws:SourceAccount': '999999999999' },
        expect: 'ImplicitlyDenied',
      },
      {
        title: 'may not be assumed by another service',
        principal: 'lambda.amazonaws.com',
        context: { 'aws:SourceAccount': account },
        expect: 'ImplicitlyDenied',
      },
    ];
    it.each(trustRows)('trust policy: $title', async ({ principal, context, expect: expected }) => {
      expect((await simulator.decideTrust(role, principal, 'sts:AssumeRole', context)).result).toBe(expected);
    });
  });
});
