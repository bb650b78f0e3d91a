/**
 * dev in the emulator: applied, re-planned, state-reviewed (applied-environment.ts), then drifted
 * behind Terraform's back, updated and replaced against the real state, and torn down.
 */
import { CloudWatchLogsClient, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AuthorizeSecurityGroupIngressCommand, DeleteTagsCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetRolePolicyCommand, IAMClient, ListPoliciesCommand, ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { KMSClient, DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand, ListObjectsV2Command, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { startFakeOpenAi } from '@llm/model/testing';
import { Naming } from '@llm/naming';
import { reviewStackDirs, type Finding } from '@llm/review';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLY_TIMEOUT_MS, describeAppliedEnvironment, PLAN_TIMEOUT_MS } from './applied-environment';
import { runCommand, WORKSPACE_ROOT, type EmulatedEnvironment } from './harness';

/** Keys seen in the state bucket while the first deploy ran: the S3 lock objects among them. */
const seenWhileApplying = new Set<string>();

function s3Of(config: Awaited<ReturnType<EmulatedEnvironment['aws']>>): S3Client {
  return new S3Client({ ...config, forcePathStyle: true });
}

function watchStateBucket(emulated: EmulatedEnvironment): () => Promise<void> {
  let watching = true;
  const bucket = new Naming(emulated.env).stateBucketName;
  const loop = (async () => {
    const s3 = s3Of(await emulated.aws());
    while (watching) {
      try {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
        for (const object of listed.Contents ?? []) if (object.Key) seenWhileApplying.add(object.Key);
      } catch {
        // the bucket does not exist until the bootstrap stack has created it
      }
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
    }
  })();
  return async () => {
    watching = false;
    await loop;
  };
}

function findingsOf(dir: string): Finding[] {
  return reviewStackDirs([dir]).stacks.flatMap((stack) => stack.findings);
}

describeAppliedEnvironment(
  'dev',
  ({ emulated, remoteStacks }) => {
    const regional = () => emulated().stackName('us-east-1');
    const naming = () => new Naming(emulated().env);

    it("keeps every stack's state in the bootstrap bucket, and a .tflock object there while an apply runs", async () => {
      const s3 = s3Of(await emulated().aws());
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: naming().stateBucketName }));
      const keys = (listed.Contents ?? []).map((object) => object.Key);
      expect(keys.sort()).toEqual(
        remoteStacks()
          .map((stack) => `${stack}/terraform.tfstate`)
          .sort(),
      );
      expect([...seenWhileApplying].filter((key) => key.endsWith('.tflock')).sort()).toEqual(
        expect.arrayContaining([`${regional()}/terraform.tfstate.tflock`]),
      );
    });

    it(
      "reports five changes made behind Terraform's back, with exposure and broadening where they apply",
      async () => {
        const config = await emulated().aws('us-east-1');
        await s3Of(config).send(
          new PutBucketVersioningCommand({ Bucket: naming().outputBucketName('us-east-1'), VersioningConfiguration: { Status: 'Suspended' } }),
        );
        await new CloudWatchLogsClient(config).send(
          new PutRetentionPolicyCommand({ logGroupName: `/aws/lambda/${naming().functionName('us-east-1')}`, retentionInDays: 1 }),
        );
        const iam = new IAMClient(config);
        const roleName = naming().roleName('us-east-1', 'api');
        const current = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: 'least-privilege' }));
        const document = JSON.parse(decodeURIComponent(current.PolicyDocument as string)) as { Statement: unknown[] };
        document.Statement.push({ Sid: 'AddedByHand', Effect: 'Allow', Action: 's3:*', Resource: '*' });
        await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'least-privilege', PolicyDocument: JSON.stringify(document) }));
        const ec2 = new EC2Client(config);
        const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:Project', Values: ['llm-platform'] }] }));
        const group = (groups.SecurityGroups ?? []).find((candidate) => candidate.GroupName !== 'default');
        await ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: group?.GroupId,
            IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          }),
        );
        const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Project', Values: ['llm-platform'] }] }));
        await ec2.send(new DeleteTagsCommand({ Resources: [vpcs.Vpcs?.[0]?.VpcId as string], Tags: [{ Key: 'Owner' }] }));

        await emulated().plan(regional(), { refreshOnly: true });
        const findings = findingsOf(emulated().stackDir(regional()));
        const drifted = (pattern: RegExp) => findings.filter((finding) => finding.rule === 'drift' && pattern.test(finding.address));
        expect(drifted(/^aws_s3_bucket_versioning\./)).toHaveLength(1);
        expect(drifted(/^aws_cloudwatch_log_group\.ApiFunction_LogGroup_/)).toHaveLength(1);
        expect(drifted(/^aws_iam_role_policy\.ApiRole_Policy_/)).toHaveLength(1);
        expect(drifted(/^aws_security_group\./)).toHaveLength(1);
        expect(drifted(/^aws_vpc\.Vpc_/)[0]?.message).toContain('Owner');
        expect(findings.filter((finding) => finding.rule === 'public-exposure' && finding.address.startsWith('aws_security_group.'))).toHaveLength(1);
        expect(
          findings.filter((finding) => finding.rule === 'iam-broadening' && finding.address.startsWith('aws_iam_role_policy.ApiRole_Policy_')),
        ).toHaveLength(1);
        // Nothing else drifted: Terraform's own bookkeeping (null vs {}, mirrored rules) is not drift.
        expect(findings.filter((finding) => finding.rule === 'drift')).toHaveLength(5);
      },
      PLAN_TIMEOUT_MS,
    );

    it(
      'npm start -- --emulator plans against the drifted state with refresh, and --fail-on drift fails it',
      async () => {
        const run = await runCommand(
          process.execPath,
          [
            '--import',
            'tsx',
            join(WORKSPACE_ROOT, 'apps', 'planner', 'src', 'main.ts'),
            '--emulator',
            '--env',
            'dev',
            '--outdir',
            emulated().outdir,
            '--fail-on',
            'drift',
          ],
          { env: { ...process.env, INFRA_EMULATOR_URL: emulated().url, CHECKPOINT_DISABLE: '1' }, timeoutMs: PLAN_TIMEOUT_MS },
        );
        expect(run.stdout).toContain(`Synthesizing environment(s) dev for the emulator at ${emulated().url}...`);
        // The plan puts back what drifted (versioning, retention, the role policy, the VPC's tag).
        expect(run.stdout).toMatch(/ok {3}dev-us-east-1: \+0 ~[4-9] -0/);
        expect(run.stderr).toMatch(/--fail-on drift: \d+ finding\(s\) need approval/);
        expect(run.code).toBe(1);
      },
      PLAN_TIMEOUT_MS,
    );

    it(
      'plans an in-place update and a replace against the real state, the replace flagged high',
      async () => {
        const dir = emulated().stackDir(regional());
        const configPath = join(dir, 'cdk.tf.json');
        const original = readFileSync(configPath, 'utf8');
        const backup = join(mkdtempSync(join(emulated().outdir, 'config-')), 'cdk.tf.json');
        copyFileSync(configPath, backup);
        try {
          const config = JSON.parse(original);
          const [functionId] = Object.keys(config.resource.aws_lambda_function);
          config.resource.aws_lambda_function[functionId].memory_size += 512;
          const [bucketId] = Object.keys(config.resource.aws_s3_bucket);
          config.resource.aws_s3_bucket[bucketId].bucket = `${config.resource.aws_s3_bucket[bucketId].bucket}-renamed`;
          writeFileSync(configPath, JSON.stringify(config, null, 2));
          const plan = await emulated().plan(regional());
          const actionsOf = (address: string) => plan.resource_changes?.find((change) => change.address === address)?.change.actions;
          expect(actionsOf(`aws_lambda_function.${functionId}`)).toEqual(['update']);
          expect(actionsOf(`aws_s3_bucket.${bucketId}`)).toEqual(['delete', 'create']);
          const destructive = findingsOf(dir).filter((finding) => finding.rule === 'destructive-change' && finding.address === `aws_s3_bucket.${bucketId}`);
          expect(destructive.map((finding) => finding.severity)).toEqual(['high']);
        } finally {
          copyFileSync(backup, configPath);
        }
      },
      PLAN_TIMEOUT_MS,
    );

    it(
      "npm run infra -- --emulator proves a memory change against dev's real state: only the function updates, the drift is left out",
      async () => {
        const fake = await startFakeOpenAi();
        const out = mkdtempSync(join(emulated().outdir, 'infra-'));
        try {
          // The answer as the model sends it (infra_change, apps/infra-gen/src/schema.ts): environments may not import the app.
          fake.enqueue('infra_change', {
            text: JSON.stringify({
              environment: 'dev',
              summary: "Gives dev's function 1024 MB.",
              changes: [{ op: 'replace', path: '/lambda/memoryMb', valueJson: '1024', reason: 'the requested memory' }],
            }),
          });
          const run = await runCommand(
            process.execPath,
            [
              '--import',
              'tsx',
              join(WORKSPACE_ROOT, 'apps', 'infra-gen', 'src', 'main.ts'),
              "give dev's function 1024 MB",
              '--env',
              'dev',
              '--emulator',
              '--out-dir',
              out,
            ],
            {
              env: {
                ...process.env,
                INFRA_EMULATOR_URL: emulated().url,
                OPENAI_BASE_URL: fake.baseURL,
                OPENAI_API_KEY: 'test',
                OPENAI_MODEL: 'gpt-test',
                CHECKPOINT_DISABLE: '1',
              },
              timeoutMs: PLAN_TIMEOUT_MS * 2,
            },
          );

          if (run.code !== 0) throw new Error(`npm run infra exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
          expect(run.stdout).toContain(`against the emulator's state at ${emulated().url}, with refresh`);
          expect(run.stdout).toMatch(/dev-us-east-1\s+changed\s+0\s+1\s+0\s+0/);
          expect(run.stdout).toMatch(/dev-global\s+unchanged/);
          // The drift's findings (SSH opened, s3:* added by hand) are the control plan's too: listed, not counted against the change.
          expect(run.stdout).toMatch(
            /dev-us-east-1: \d+ more that the unchanged configuration's plan against the same state has too \(.*iam-broadening.*\): not this change's/,
          );
          expect(run.stdout).toMatch(/dev-us-east-1: \d+ more .*public-exposure/);
          expect(run.stdout).toContain('nothing destructive, broadening, exposing or over budget');
          // The earlier cases drifted dev-us-east-1 (versioning, retention, a role policy, a tag): the control plan shows those too.
          expect(run.stderr).toMatch(
            /dev-us-east-1: [1-9]\d* changes? the unchanged configuration shows too against the emulator's state \(drift, emulator gaps\) left out/,
          );
          const [attempt] = readdirSync(out).filter((name) => name.startsWith('dev-'));
          const plan = JSON.parse(readFileSync(join(out, attempt, 'attempt-1', 'after', 'stacks', regional(), 'plan.json'), 'utf8')) as {
            resource_changes: Array<{ address: string; change: { actions: string[]; before: { memory_size?: number }; after: { memory_size?: number } } }>;
          };
          const acting = plan.resource_changes.filter((change) => !['no-op', 'read'].includes(change.change.actions.join()));
          expect(acting.map((change) => [change.address.split('.')[0], change.change.actions.join()])).toEqual([['aws_lambda_function', 'update']]);
          expect([acting[0].change.before.memory_size, acting[0].change.after.memory_size]).toEqual([emulated().env.lambda.memoryMb, 1024]);
          expect(fake.pending()).toEqual({});
        } finally {
          await fake.close();
        }
      },
      PLAN_TIMEOUT_MS * 2,
    );

    it(
      'tears dev down in reverse order, leaving only the state bucket and its objects',
      async () => {
        const run = await emulated().deploy(['--destroy']);
        if (run.code !== 0) throw new Error(`deploy:local --destroy exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
        expect(run.stdout).toContain(`${emulated().stackName('bootstrap')} kept:`);
        const config = await emulated().aws('us-east-1');
        const buckets = await s3Of(config).send(new ListBucketsCommand({}));
        expect((buckets.Buckets ?? []).map((bucket) => bucket.Name)).toEqual([naming().stateBucketName]);
        const roles = await new IAMClient(config).send(new ListRolesCommand({}));
        expect((roles.Roles ?? []).map((role) => role.RoleName)).toEqual([]);
        const policies = await new IAMClient(config).send(new ListPoliciesCommand({ Scope: 'Local' }));
        expect((policies.Policies ?? []).map((policy) => policy.PolicyName)).toEqual([]);
        const functions = await new LambdaClient(config).send(new ListFunctionsCommand({}));
        expect(functions.Functions ?? []).toEqual([]);
        const logGroups = await new CloudWatchLogsClient(config).send(new DescribeLogGroupsCommand({}));
        expect((logGroups.logGroups ?? []).map((group) => group.logGroupName)).toEqual([]);
        const vpcs = await new EC2Client(config).send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }));
        expect((vpcs.Vpcs ?? []).map((vpc) => vpc.VpcId)).toEqual([]);
        const topics = await new SNSClient(config).send(new ListTopicsCommand({}));
        expect(topics.Topics ?? []).toEqual([]);
        const secrets = await new SecretsManagerClient(config).send(new ListSecretsCommand({}));
        expect((secrets.SecretList ?? []).map((secret) => secret.Name)).toEqual([]);
        // AWS never deletes a KMS key at once: a destroyed key waits out its deletion window.
        const kms = new KMSClient(config);
        const keys = await kms.send(new ListKeysCommand({}));
        for (const key of keys.Keys ?? []) {
          const described = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
          expect({ key: key.KeyId, state: described.KeyMetadata?.KeyState }).toEqual({ key: key.KeyId, state: 'PendingDeletion' });
        }
      },
      APPLY_TIMEOUT_MS,
    );
  },
  (emulated) => watchStateBucket(emulated),
);
