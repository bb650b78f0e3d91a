import { checkState, messages, stateResource } from '../testing/builders';
import { secretInState } from './secret-in-state';

const SECRET = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123';

describe('secret-in-state', () => {
  it('flags a value Terraform marks sensitive, by attribute, without the value', () => {
    const resource = stateResource('aws_secretsmanager_secret_version.key', { secret_string: 'hunter2-hunter2', secret_id: 'key' }, ['secret_string']);

    const outcome = checkState(secretInState, resource);

    expect(messages(outcome)).toEqual(['high: attribute secret_string holds a secret in plain text (Terraform marks it sensitive); value not shown']);
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  });

  it('flags secrets by name, by known attribute and by shape, deep in nested values', () => {
    const database = stateResource('aws_db_instance.main', {
      password: 'correct-horse',
      master_user_secret: [{ secret_arn: 'arn:aws:x', secret_status: 'active' }],
    });
    const generated = stateResource('random_password.db', { result: 'Zx9!Zx9!Zx9!', length: 12 });
    const lambda = stateResource('aws_lambda_function.api', { environment: [{ variables: { MODEL: 'gpt-4o', CONFIG: `key=${SECRET}` } }] });

    expect(messages(checkState(secretInState, database))).toEqual([
      'high: attribute password holds a secret in plain text (its name says it is a secret); value not shown',
    ]);
    expect(messages(checkState(secretInState, generated))).toEqual([
      'high: attribute result holds a secret in plain text (this attribute holds a generated secret); value not shown',
    ]);
    expect(messages(checkState(secretInState, lambda))).toEqual([
      'high: attribute environment[0].variables.CONFIG holds a secret in plain text (it looks like an API key (sk-...)); value not shown',
    ]);
  });

  it('does not fire on references to secrets, settings about them, empty values or tags', () => {
    const resource = stateResource('aws_secretsmanager_secret.key', {
      name: 'openai-key',
      secret_id: 'openai-key',
      kms_key_id: 'arn:aws:kms:eu-west-1:1:key/x',
      recovery_window_in_days: 30,
      rotation_enabled: false,
      api_key_secret_arn: 'arn:aws:secretsmanager:eu-west-1:1:secret:k',
      password: '',
      token_parameter: '/llm/openai/token',
      tags_all: { SecretOwner: 'platform-team' },
    });

    expect(checkState(secretInState, resource)).toBe('compliant');
    expect(checkState(secretInState, stateResource('data.aws_secretsmanager_secret_version.x', { secret_string: SECRET }))).toBe('not-applicable');
  });

  it('does not call an API Gateway selection expression a key, but still a key-named value', () => {
    const api = stateResource('aws_apigatewayv2_api.http', {
      api_key_selection_expression: '$request.header.x-api-key',
      route_selection_expression: '$request.method $request.path',
    });
    const usagePlanKey = stateResource('aws_apigatewayv2_api.other', {
      api_key_selection_expression: '$context.authorizer.usageIdentifierKey',
      api_key: 'k3y-for-real',
    });

    expect(checkState(secretInState, api)).toBe('compliant');
    expect(messages(checkState(secretInState, usagePlanKey))).toEqual([
      'high: attribute api_key holds a secret in plain text (its name says it is a secret); value not shown',
    ]);
  });

  it("does not take a launch template's IMDS setting http_tokens = required for a secret, but still a token value under that name", () => {
    const template = stateResource('aws_launch_template.worker', { metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled' }] });
    const leaky = stateResource('aws_launch_template.other', { metadata_options: [{ http_tokens: 'tok-9f8e7d6c5b' }] });

    expect(checkState(secretInState, template)).toBe('compliant');
    expect(messages(checkState(secretInState, leaky))).toEqual([
      'high: attribute metadata_options[0].http_tokens holds a secret in plain text (its name says it is a secret); value not shown',
    ]);
  });
});
