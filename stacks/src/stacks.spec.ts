import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { developmentInput, productionInput, testEnvironment } from '@llm/config/testing';
import { describeLocation, validateEnvironments } from '@llm/config';
import type { SynthBlock } from '@llm/terraform/testing';
import { Testing } from 'cdktf';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addEnvironmentStacks, BootstrapStack, GlobalStack, modeFromEnvironment, RegionalStack, selectEnvironments, synthesizeApp } from './index';

const prod = validateEnvironments([productionInput({ deployRoleArn: 'arn:aws:iam::333333333333:role/deployer' })])[0];

function synthJson(stack: Parameters<typeof Testing.synth>[0]): SynthBlock {
  return JSON.parse(Testing.synth(stack));
}

describe('ProjectStack in real mode', () => {
  const stack = new RegionalStack(Testing.app(), prod, 'eu-west-1', 'real');
  const json = synthJson(stack);

  it('stores state in the account state bucket with encryption and S3 locking', () => {
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'llm-platform-prod-bootstrap-tfstate-333333333333',
      key: 'prod-eu-west-1/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
      assume_role: { role_arn: 'arn:aws:iam::333333333333:role/deployer' },
    });
  });

  it('pins the provider to the environment account and assumes the deploy role', () => {
    expect(Testing.synth(stack)).toHaveProviderWithProperties(AwsProvider, {
      region: 'eu-west-1',
      allowed_account_ids: ['333333333333'],
      assume_role: [{ role_arn: 'arn:aws:iam::333333333333:role/deployer', session_name: 'cdktf-prod-eu-west-1' }],
    });
    expect(json.provider.aws[0].access_key).toBeUndefined();
  });

  it('applies the standard tags through default_tags', () => {
    expect(json.provider.aws[0].default_tags).toEqual([
      {
        tags: {
          Project: 'llm-platform',
          Environment: 'prod',
          Region: 'eu-west-1',
          Owner: 'team',
          CostCenter: 'CC-1',
          ManagedBy: 'terraform-cdktf',
        },
      },
    ]);
  });
});

describe('ProjectStack in offline mode', () => {
  const json = synthJson(new GlobalStack(Testing.app(), prod, 'offline'));

  it('uses local state and a provider that never calls AWS for credentials or the account id', () => {
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(json.provider.aws[0]).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
    });
    expect(json.provider.aws[0].allowed_account_ids).toBeUndefined();
  });

  it('declares no data sources, which would call AWS', () => {
    expect(json.data).toBeUndefined();
  });
});

describe('BootstrapStack', () => {
  it('keeps local state in real mode at the project root, outside cdktf.out, and never force-destroys the state bucket', () => {
    const stack = new BootstrapStack(Testing.app(), testEnvironment({ storage: { forceDestroy: true } }), 'real');
    const json = synthJson(stack);
    expect(json.terraform.backend).toEqual({ local: { path: join(process.cwd(), 'terraform.dev-bootstrap.tfstate') } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'llm-platform-dev-bootstrap-tfstate-111111111111',
      force_destroy: false,
    });
  });
});

describe('GlobalStack', () => {
  it('creates the permission boundary under the name the naming module predicts', () => {
    expect(Testing.synth(new GlobalStack(Testing.app(), prod, 'offline'))).toHaveResourceWithProperties(IamPolicy, {
      name: 'llm-platform-prod-global-permission-boundary',
    });
  });
});

describe('addEnvironmentStacks', () => {
  it('creates a bootstrap, a global and one stack per region', () => {
    const stacks = addEnvironmentStacks(Testing.app(), prod, 'offline');
    expect(stacks.map((stack) => stack.node.id)).toEqual(['prod-bootstrap', 'prod-global', 'prod-eu-west-1']);
  });
});

describe('selectEnvironments', () => {
  const envs = [testEnvironment(), prod];

  it('keeps all environments when nothing is selected', () => {
    expect(selectEnvironments(envs, undefined)).toHaveLength(2);
    expect(selectEnvironments(envs, ' ')).toHaveLength(2);
  });

  it('selects by name and refuses an unknown name, listing the known ones', () => {
    expect(selectEnvironments(envs, 'prod').map((env) => env.name)).toEqual(['prod']);
    expect(() => selectEnvironments(envs, 'prod,qa')).toThrow('unknown environment(s) qa; known: dev, prod');
  });
});

describe('modeFromEnvironment', () => {
  it.each([
    [undefined, 'real'],
    ['0', 'real'],
    ['1', 'offline'],
    ['true', 'offline'],
  ])('reads INFRA_OFFLINE=%s as %s', (value, mode) => {
    expect(modeFromEnvironment({ INFRA_OFFLINE: value })).toBe(mode);
  });

  it('refuses a value it cannot read', () => {
    expect(() => modeFromEnvironment({ INFRA_OFFLINE: 'yes please' })).toThrow(/INFRA_OFFLINE must be 1\/true/);
  });
});

describe('synthesizeApp', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-app-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes into a nested outdir that does not exist yet', () => {
    const nested = join(outdir, 'dist', 'synth', 'dev');
    synthesizeApp([developmentInput()], { variables: { INFRA_OFFLINE: '1' }, outdir: nested });
    expect(Object.keys(JSON.parse(readFileSync(join(nested, 'manifest.json'), 'utf8')).stacks)).toEqual(['dev-bootstrap', 'dev-eu-west-1', 'dev-global']);
  });

  it('prints every configuration problem and exits 1 instead of synthesizing', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => synthesizeApp([developmentInput({ accountId: '1' })], { outdir: join(outdir, 'bad') })).toThrow('exit 1');
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('environment "dev": accountId = "1": must be exactly 12 digits'));
      expect(existsSync(join(outdir, 'bad'))).toBe(false);
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
    }
  });
});

describe('deployment context', () => {
  it('lets constructs name environment, region and path in their errors', () => {
    const stack = new RegionalStack(Testing.app(), prod, 'eu-west-1', 'offline');
    expect(describeLocation(stack.storage.outputBucket)).toBe('(environment prod, region eu-west-1, construct prod-eu-west-1/OutputBucket)');
  });
});

describe('the pipeline function role', () => {
  function actionsOfApiRole(env: Parameters<typeof addEnvironmentStacks>[1], region: string): string[] {
    const json = JSON.parse(Testing.synth(new RegionalStack(Testing.app(), env, region, 'offline')));
    const policies = Object.entries(json.resource.aws_iam_role_policy as Record<string, { policy: string }>);
    const [, apiPolicy] = policies.find(([id]) => id.startsWith('ApiRole_')) ?? [];
    return (JSON.parse(apiPolicy!.policy).Statement as Array<{ Action: string[] }>).flatMap((statement) => statement.Action).sort();
  }

  it('may do exactly what the handler does: its secret, its records, its logs, tracing', () => {
    expect(actionsOfApiRole(testEnvironment(), 'eu-west-1')).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:PutObject',
      'secretsmanager:GetSecretValue',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('also manages network interfaces, and decrypts through Secrets Manager, when the environment asks for a VPC and a key', () => {
    const { lambda } = productionInput();
    const [vpcWithKey] = validateEnvironments([productionInput({ secrets: { customerManagedKey: true }, lambda: { ...lambda, attachToVpc: true } })]);
    expect(actionsOfApiRole(vpcWithKey, 'eu-west-1')).toEqual([
      'ec2:AssignPrivateIpAddresses',
      'ec2:CreateNetworkInterface',
      'ec2:DeleteNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:UnassignPrivateIpAddresses',
      'kms:Decrypt',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:PutObject',
      'secretsmanager:GetSecretValue',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });
});
