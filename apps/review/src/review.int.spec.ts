/**
 * The review on plans made by the real terraform and AWS provider, offline: create-only plans of
 * this repository's stacks, and update / replace / delete plans made by giving Terraform a prior
 * state (built from a first plan) and then changing the configuration.
 */
import { testEnvironment } from '@llm/config/testing';
import { formatReport, reviewFiles, reviewStackDirs, type Finding, type StackReport } from '@llm/review';
import { BootstrapStack, GlobalStack } from '@llm/stacks';
import { findProviderMirror, planStack, runTerraform, terraformEnvironment, writeCliConfig, type StackPlanResult } from '@llm/terraform';
import { describeWithTerraform } from '@llm/terraform/testing';
import { App } from 'cdktf';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stateFromPlan } from '@llm/terraform';

const WORKSPACE = resolve(__dirname, '..', '..', '..');
const SECRET = 'sk-test-DO-NOT-PRINT-1234567890';
const TAGS = { Project: 'llm-platform', Environment: 'dev', Region: 'eu-west-1', Owner: 'team', CostCenter: 'CC-1', ManagedBy: 'terraform-cdktf' };

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A small hand-written stack: data, identity, network and a secret. */
function handWrittenConfig(change: 'before' | 'after'): object {
  const after = change === 'after';
  const { Owner: _owner, ...tagsWithoutOwner } = TAGS;
  return {
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: {
      aws: [
        {
          region: 'eu-west-1',
          access_key: 'offline',
          secret_key: 'offline',
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: 'true',
          // The change drops a standard tag.
          default_tags: [{ tags: after ? tagsWithoutOwner : TAGS }],
        },
      ],
    },
    resource: {
      // The change renames the bucket (a replace), removes the queue (a delete), widens the
      // policy and the trust policy (broadening) and opens SSH to the internet (exposure).
      aws_s3_bucket: { data: { bucket: after ? 'review-it-data-2' : 'review-it-data-1' } },
      ...(after ? {} : { aws_sqs_queue: { jobs: { name: 'review-it-jobs' } } }),
      aws_iam_role: {
        fn: {
          name: 'review-it-fn',
          assume_role_policy: policy({
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: after ? { Service: 'lambda.amazonaws.com', AWS: 'arn:aws:iam::999999999999:root' } : { Service: 'lambda.amazonaws.com' },
          }),
        },
      },
      aws_iam_role_policy: {
        fn: {
          name: 'read',
          role: '${aws_iam_role.fn.name}',
          policy: policy(
            after
              ? { Effect: 'Allow', Action: 's3:*', Resource: '*' }
              : { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::review-it-data-1/*' },
          ),
        },
      },
      aws_security_group: {
        web: {
          name: 'review-it-web',
          vpc_id: 'vpc-12345678',
          ingress: [
            {
              from_port: after ? 22 : 443,
              to_port: after ? 22 : 443,
              protocol: 'tcp',
              cidr_blocks: [after ? '0.0.0.0/0' : '10.0.0.0/8'],
              ipv6_cidr_blocks: [],
              prefix_list_ids: [],
              security_groups: [],
              self: false,
              description: 'admin',
            },
          ],
        },
      },
      aws_secretsmanager_secret: { key: { name: 'review-it-key' } },
      aws_secretsmanager_secret_version: { key: { secret_id: 'review-it-key', secret_string: SECRET } },
    },
    output: {
      bucket: { value: '${aws_s3_bucket.data.bucket}' },
      ...(after ? {} : { queue_url: { value: '${aws_sqs_queue.jobs.url}' } }),
    },
  };
}

function planned(result: StackPlanResult): Extract<StackPlanResult, { ok: true }> {
  if (!result.ok) throw new Error(`terraform ${result.failedStep} failed for ${result.stack}:\n${result.error}`);
  return result;
}

function summarize(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.address}: ${finding.message}`);
}

function byRule(stack: StackReport, rule: string): string[] {
  return summarize(stack.findings.filter((finding) => finding.rule === rule));
}

describeWithTerraform('review of real Terraform plans', () => {
  const root = mkdtempSync(join(tmpdir(), 'review-int-'));
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(root, 'cli'), findProviderMirror()) });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Plans again with the state and configuration now in `dir`, the way planStack does, minus init. */
  async function replan(dir: string): Promise<void> {
    for (const args of [
      ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.tfplan'],
      ['show', '-json', '-no-color', 'plan.tfplan'],
    ]) {
      const result = await runTerraform(args, dir, env);
      if (result.code !== 0) throw new Error(`terraform ${args[0]} failed in ${dir}:\n${result.stderr}`);
      if (args[0] === 'show') writeFileSync(join(dir, 'plan.json'), result.stdout);
    }
  }

  // Stack folders as npm start leaves them: <dir>/plan.json and <dir>/cdk.tf.json.
  const hand = { create: join(root, 'hand', 'dev-app-create'), change: join(root, 'hand', 'dev-app'), shownState: join(root, 'hand', 'state.json') };
  const repository = { bootstrap: '', global: '', bootstrapCreate: join(root, 'repository', 'dev-bootstrap-create'), addCounts: new Map<string, number>() };

  async function buildHandWritten(): Promise<void> {
    mkdirSync(hand.change, { recursive: true });
    writeFileSync(join(hand.change, 'cdk.tf.json'), JSON.stringify(handWrittenConfig('before')));
    const first = planned(await planStack('dev-app', hand.change, env));
    mkdirSync(hand.create, { recursive: true });
    copyFileSync(join(hand.change, 'plan.json'), join(hand.create, 'plan.json'));
    const state = stateFromPlan(first.plan, {
      extra: {
        'aws_iam_role.fn': { managed_policy_arns: [] },
        'aws_security_group.web': { egress: [] },
        'aws_secretsmanager_secret_version.key': { version_stages: ['AWSCURRENT'] },
        'aws_sqs_queue.jobs': { url: 'https://sqs.eu-west-1.amazonaws.com/111111111111/review-it-jobs' },
      },
    });
    writeFileSync(join(hand.change, 'terraform.tfstate'), JSON.stringify(state));
    const shown = await runTerraform(['show', '-json', '-no-color'], hand.change, env);
    if (shown.code !== 0) throw new Error(`terraform show of the state failed:\n${shown.stderr}`);
    writeFileSync(hand.shownState, shown.stdout);
    writeFileSync(join(hand.change, 'cdk.tf.json'), JSON.stringify(handWrittenConfig('after')));
    await replan(hand.change);
  }

  async function buildRepository(): Promise<void> {
    const synth = (outdir: string, accountId: string, global: boolean) => {
      // cdktf creates only the last folder of outdir.
      mkdirSync(outdir, { recursive: true });
      const app = new App({ outdir });
      const config = testEnvironment({ accountId });
      new BootstrapStack(app, config, 'offline');
      if (global) new GlobalStack(app, config, 'offline');
      app.synth();
      return join(outdir, 'stacks');
    };
    const first = synth(join(root, 'repository', 'v1'), '111111111111', true);
    repository.bootstrap = join(first, 'dev-bootstrap');
    repository.global = join(first, 'dev-global');
    for (const [name, dir] of [
      ['dev-bootstrap', repository.bootstrap],
      ['dev-global', repository.global],
    ]) {
      repository.addCounts.set(name, planned(await planStack(name, dir, env)).add);
    }
    mkdirSync(repository.bootstrapCreate, { recursive: true });
    copyFileSync(join(repository.bootstrap, 'plan.json'), join(repository.bootstrapCreate, 'plan.json'));
    // Another account id renames the state bucket, which carries the account in its name.
    const state = stateFromPlan(JSON.parse(readFileSync(join(repository.bootstrap, 'plan.json'), 'utf8')));
    writeFileSync(join(repository.bootstrap, 'terraform.tfstate'), JSON.stringify(state));
    const second = synth(join(root, 'repository', 'v2'), '222222222222', false);
    copyFileSync(join(second, 'dev-bootstrap', 'cdk.tf.json'), join(repository.bootstrap, 'cdk.tf.json'));
    await replan(repository.bootstrap);
  }

  beforeAll(async () => {
    await Promise.all([buildHandWritten(), buildRepository()]);
  }, 240_000);

  describe("this repository's stacks", () => {
    it('finds nothing destructive and no missing tag in a create-only plan, and counts like Terraform', () => {
      const report = reviewStackDirs([repository.bootstrapCreate, repository.global]);

      expect(report.stacks.map((stack) => [stack.name, stack.summary.create, stack.summary.delete + stack.summary.replace])).toEqual([
        ['dev-bootstrap-create', repository.addCounts.get('dev-bootstrap'), 0],
        ['dev-global', repository.addCounts.get('dev-global'), 0],
      ]);
      for (const stack of report.stacks) {
        expect(byRule(stack, 'destructive-change')).toEqual([]);
        expect(byRule(stack, 'missing-tags')).toEqual([]);
      }
    });

    it('flags the permission boundary, which allows every action, as a high broadening to approve', () => {
      const [global] = reviewStackDirs([repository.global]).stacks;

      expect(global.findings).toContainEqual(
        expect.objectContaining({
          severity: 'high',
          rule: 'iam-broadening',
          address: expect.stringMatching(/^aws_iam_policy\.PermissionBoundary/),
          message: expect.stringMatching(/new action \* on \*/),
        }),
      );
    });

    it('ranks the state bucket replaced by a rename high, naming the attribute that forces it', () => {
      const [bootstrap] = reviewStackDirs([repository.bootstrap]).stacks;

      expect(bootstrap.summary).toMatchObject({ create: 0, delete: 0, replace: 7 });
      expect(byRule(bootstrap, 'destructive-change').filter((line) => line.startsWith('high'))).toEqual([
        expect.stringMatching(
          /^high destructive-change aws_s3_bucket\.StateBucket_\w+: replaced \(destroy before create\): bucket forces replacement; an S3 bucket/,
        ),
      ]);
      expect(byRule(bootstrap, 'missing-tags')).toEqual([]);
    });
  });

  describe('a hand-written stack', () => {
    it('reports a create-only plan with its new permissions and nothing else', () => {
      const [created] = reviewStackDirs([hand.create]).stacks;

      expect(created.summary).toEqual({ create: 7, update: 0, delete: 0, replace: 0, noop: 0 });
      expect(summarize(created.findings)).toEqual([
        'medium iam-broadening aws_iam_role_policy.fn: policy: new action s3:GetObject on arn:aws:s3:::review-it-data-1/*',
        'medium iam-broadening aws_iam_role.fn: trust policy (assume_role_policy): may now be assumed by Service:lambda.amazonaws.com',
      ]);
    });

    it('finds the replace, the delete, the broadening, the exposure, the lost tag and the removed output', () => {
      const [changed] = reviewStackDirs([hand.change]).stacks;

      expect(changed.summary).toMatchObject({ create: 0, delete: 1, replace: 1 });
      expect(byRule(changed, 'destructive-change')).toEqual([
        'high destructive-change aws_s3_bucket.data: replaced (destroy before create): bucket forces replacement; an S3 bucket: its objects and versions go with it',
        'high destructive-change aws_sqs_queue.jobs: deleted: it is no longer in the configuration; a queue: messages in it are lost',
      ]);
      expect(byRule(changed, 'iam-broadening')).toEqual([
        'high iam-broadening aws_iam_role_policy.fn: policy: new action s3:* on *',
        'medium iam-broadening aws_iam_role.fn: trust policy (assume_role_policy): may now be assumed by AWS:arn:aws:iam::999999999999:root',
      ]);
      expect(byRule(changed, 'public-exposure')).toEqual(['high public-exposure aws_security_group.web: ingress tcp port 22 (SSH) open to 0.0.0.0/0']);
      expect(byRule(changed, 'missing-tags')).toContain('low missing-tags aws_s3_bucket.data: tags_all lacks Owner');
      expect(byRule(changed, 'removed-output')).toEqual(['medium removed-output output.queue_url: output removed: anything reading it by name breaks']);
      expect(changed.iam.find((change) => change.address === 'aws_iam_role_policy.fn')).toMatchObject({
        added: [expect.objectContaining({ effect: 'Allow', actions: ['s3:*'], resources: ['*'] })],
        removed: [expect.objectContaining({ actions: ['s3:GetObject'] })],
      });
    });

    it('finds the undeclared resource and the secret in the raw state and in terraform show -json of it, never printing the value', () => {
      for (const state of [join(hand.change, 'terraform.tfstate'), hand.shownState]) {
        const report = reviewFiles({ plans: [hand.change], states: [state] });
        const [stack] = report.stacks;

        expect(stack.inventory?.resources).toBe(7);
        expect(byRule(stack, 'orphaned-in-state')).toEqual([
          expect.stringMatching(/^high orphaned-in-state aws_sqs_queue\.jobs: in state but not declared in .*cdk\.tf\.json: the next apply destroys it/),
        ]);
        expect(byRule(stack, 'secret-in-state')).toEqual([
          expect.stringMatching(
            /^high secret-in-state aws_secretsmanager_secret_version\.key: attribute secret_string holds a secret in plain text \(.*\); value not shown$/,
          ),
        ]);
        for (const format of ['terminal', 'markdown', 'json'] as const) expect(formatReport(report, format)).not.toContain(SECRET);
      }
    });

    it('fails the CI gate on the exposure, with the Markdown report for the pull request', () => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/review/src/main.ts', hand.change, '--format', 'markdown', '--fail-on', 'exposure'], {
        cwd: WORKSPACE,
        encoding: 'utf8',
      });

      expect(result.status).toBe(1);
      expect(result.stdout).toContain('<details open>\n<summary><b>dev-app</b>: 5 high');
      expect(result.stderr).toContain('  - dev-app: aws_security_group.web (public-exposure, high)');
    });
  });
});
