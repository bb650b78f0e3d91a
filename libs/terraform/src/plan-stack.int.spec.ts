import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProviderMirror, planStack, terraformEnvironment, writeCliConfig } from './index';
import { describeWithTerraform } from './testing';

describeWithTerraform('planStack with the real terraform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-stack-'));
  const env = terraformEnvironment({ cliConfigFile: writeCliConfig(join(dir, 'cli'), findProviderMirror()) });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function stackDir(name: string, config: object): string {
    const path = join(dir, name);
    mkdirSync(path);
    writeFileSync(join(path, 'cdk.tf.json'), JSON.stringify(config));
    return path;
  }

  const provider = {
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: {
      aws: [
        {
          region: 'eu-west-1',
          access_key: 'x',
          secret_key: 'x',
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: 'true',
        },
      ],
    },
  };

  it('returns Terraform own error and the failing step for an invalid stack', async () => {
    const path = stackDir('broken', { ...provider, resource: { aws_s3_bucket: { b: { bucket: 'b-1234', no_such_argument: true } } } });
    const result = await planStack('broken', path, env, { validate: true });
    expect(result).toMatchObject({ stack: 'broken', ok: false, failedStep: 'validate' });
    expect(!result.ok && result.error).toMatch(/Extraneous JSON object property[\s\S]*No argument or block type is named "no_such_argument"/);
  });

  it('counts a plan the way Terraform does', async () => {
    const path = stackDir('good', { ...provider, resource: { aws_sqs_queue: { a: { name: 'a' }, b: { name: 'b' } } } });
    const result = await planStack('good', path, env);
    expect(result).toMatchObject({ stack: 'good', ok: true, add: 2, change: 0, destroy: 0 });
  });
});
