import { ACCESS_KEY_ID, GITHUB_TOKEN, OPENAI_PROJECT_KEY, PEM, SECRET_ACCESS_KEY } from './spec-fixtures';
import { findSecretLikeValues } from './find';

describe('findSecretLikeValues', () => {
  it('finds secrets in a synthesized stack by path and address, never returning the value', () => {
    const stack = {
      provider: { aws: [{ region: 'eu-west-1', access_key: 'offline-plan-no-aws-account', secret_key: 'offline-plan-no-aws-account' }] },
      resource: {
        aws_lambda_function: {
          Api: { function_name: 'api', environment: { variables: { SETTINGS: OPENAI_PROJECT_KEY, MODEL: 'gpt-4.1-mini' } } },
        },
        aws_secretsmanager_secret_version: { Key: { secret_id: '${aws_secretsmanager_secret.Key.id}', secret_string: '${var.openai_key}' } },
        aws_iam_access_key: { Ci: { user: 'ci', pgp_key: PEM } },
        aws_ssm_parameter: { Token: { name: '/ci/github', value: GITHUB_TOKEN } },
      },
      '//': { metadata: { note: ACCESS_KEY_ID } },
    };

    const findings = findSecretLikeValues(stack);

    expect(findings).toEqual([
      { path: 'resource.aws_lambda_function.Api.environment.variables.SETTINGS', kind: 'an OpenAI API key', address: 'aws_lambda_function.Api' },
      {
        path: 'resource.aws_secretsmanager_secret_version.Key.secret_string',
        kind: 'a secret value managed by Terraform (secret_string)',
        address: 'aws_secretsmanager_secret_version.Key',
      },
      { path: 'resource.aws_iam_access_key.Ci.pgp_key', kind: 'a private key', address: 'aws_iam_access_key.Ci' },
      { path: 'resource.aws_ssm_parameter.Token.value', kind: 'a GitHub token', address: 'aws_ssm_parameter.Token' },
      { path: '["//"].metadata.note', kind: 'an AWS access key id' },
    ]);
    expect(JSON.stringify(findings)).not.toContain(OPENAI_PROJECT_KEY);
    expect(JSON.stringify(findings)).not.toContain(GITHUB_TOKEN);
  });

  it('finds an AWS secret access key next to a key id field, whatever the field names', () => {
    const config = {
      provider: { aws: [{ access_key: ACCESS_KEY_ID, secret_key: SECRET_ACCESS_KEY }] },
      locals: { creds: { AccessKeyId: 'ASIA-placeholder', Other: SECRET_ACCESS_KEY } },
    };

    expect(findSecretLikeValues(config)).toEqual([
      { path: 'provider.aws[0].access_key', kind: 'an AWS access key id' },
      { path: 'provider.aws[0].secret_key', kind: 'an AWS secret access key' },
      { path: 'locals.creds.Other', kind: 'an AWS secret access key' },
    ]);
  });

  it("finds the secret key of a plan's provider configuration, one level down in constant_value", () => {
    const plan = {
      configuration: {
        provider_config: {
          aws: { name: 'aws', expressions: { access_key: { constant_value: 'placeholder' }, secret_key: { constant_value: SECRET_ACCESS_KEY } } },
        },
      },
    };

    expect(findSecretLikeValues(plan)).toEqual([
      { path: 'configuration.provider_config.aws.expressions.secret_key.constant_value', kind: 'an AWS secret access key' },
    ]);
  });

  it('does not report 40-character digests, or the offline placeholder credentials', () => {
    const config = {
      provider: { aws: [{ access_key: 'offline-plan-no-aws-account', secret_key: 'offline-plan-no-aws-account' }] },
      resource: {
        aws_lambda_function: {
          Api: { source_code_hash: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=', commit: '6938fd4d98bab03faadb97b34396831e3780aea1', access_key_id: 'none' },
        },
      },
    };

    expect(findSecretLikeValues(config)).toEqual([]);
  });

  it('finds a Terraform-managed secret in a plan by the resource address, and skips the sensitivity markers', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_secretsmanager_secret_version.key', type: 'aws_secretsmanager_secret_version', values: { secret_string: 'hunter2-but-long' } },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_secretsmanager_secret_version.key',
          change: {
            actions: ['create'],
            after: { secret_binary: null, secret_string: 'hunter2-but-long' },
            after_sensitive: { secret_string: true },
            after_unknown: {},
          },
        },
      ],
    };

    expect(findSecretLikeValues(plan)).toEqual([
      {
        path: 'planned_values.root_module.resources[0].values.secret_string',
        kind: 'a secret value managed by Terraform (secret_string)',
        address: 'aws_secretsmanager_secret_version.key',
      },
      {
        path: 'resource_changes[0].change.after.secret_string',
        kind: 'a secret value managed by Terraform (secret_string)',
        address: 'aws_secretsmanager_secret_version.key',
      },
    ]);
  });

  it('accepts write-only secret arguments, which Terraform never stores', () => {
    expect(
      findSecretLikeValues({ resource: { aws_secretsmanager_secret_version: { Key: { secret_string_wo: '${var.key}', secret_string_wo_version: 1 } } } }),
    ).toEqual([]);
  });
});
