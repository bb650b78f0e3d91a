import { TerraformVariable, Testing } from 'cdktf';
import { isSecretLikeName, LlmFunction, secretKindOfValue } from './index';
import { functionProps, makeRole, makeTempZip, PROD_EU, SECRET_ARN, synthFunction } from './spec-helpers';

const WHERE = '(environment prod, region eu-west-1, construct stack/Api)';

describe('LlmFunction environment variables', () => {
  const zip = makeTempZip();
  afterAll(() => zip.cleanup());

  const withEnvironment = (environment: Record<string, string>) => () => synthFunction(zip.path, { environment }, { context: PROD_EU });

  it('refuses a variable whose name says it holds a secret, without printing the value', () => {
    const attempt = withEnvironment({ OPENAI_API_KEY: 'not-shown-anywhere' });

    expect(attempt).toThrow(
      new Error(
        'LlmFunction environment variable OPENAI_API_KEY looks like it holds a secret (its name contains a word such as KEY, SECRET, TOKEN or PASSWORD), ' +
          "got a value (not shown): keep secrets in Secrets Manager and pass the secret's ARN as OPENAI_API_KEY_SECRET_ARN " +
          `(names ending in _ARN are allowed) ${WHERE}`,
      ),
    );
    expect(attempt).not.toThrow(/not-shown-anywhere/);
  });

  it('refuses such a name even when its value is a token, which would copy a secret from state into the function', () => {
    const attempt = () =>
      Testing.synthScope((scope) => {
        const password = new TerraformVariable(scope, 'password', { type: 'string', sensitive: true });
        new LlmFunction(scope, 'Api', functionProps(makeRole(scope), zip.path, { environment: { DB_PASSWORD: password.stringValue } }));
      });

    expect(attempt).toThrow(/environment variable DB_PASSWORD looks like it holds a secret/);
  });

  it('allows the ARN of the secret, which is how the function finds its key', () => {
    expect(withEnvironment({ OPENAI_API_KEY_SECRET_ARN: SECRET_ARN, KMS_KEY_ARN: 'arn:aws:kms:eu-west-1:111111111111:key/1' })).not.toThrow();
  });

  it('refuses a value that looks like a key or token whatever the name, without printing it', () => {
    const key = `sk-proj-${'a1B2'.repeat(12)}`;
    const attempt = withEnvironment({ OPENAI_SETTINGS: key });

    expect(attempt).toThrow(
      new Error(
        'LlmFunction environment variable OPENAI_SETTINGS holds what looks like an OpenAI API key, got a value (not shown): ' +
          `keep secrets in Secrets Manager and pass the secret's ARN instead ${WHERE}`,
      ),
    );
    expect(attempt).not.toThrow(new RegExp(key));
  });

  it('refuses names Lambda reserves, and names Lambda does not accept', () => {
    expect(withEnvironment({ AWS_REGION: 'eu-west-1' })).toThrow(
      new Error(`LlmFunction environment variable AWS_REGION is reserved by the Lambda runtime and cannot be set, got "AWS_REGION" ${WHERE}`),
    );
    expect(withEnvironment({ '1ST': 'x' })).toThrow(
      new Error(
        `LlmFunction environment variable names must start with a letter and hold only letters, digits and _ (at least 2 characters), got "1ST" ${WHERE}`,
      ),
    );
    expect(withEnvironment({ 'MY-VAR': 'x' })).toThrow(/got "MY-VAR"/);
  });

  it('refuses more than 4 KB of variables', () => {
    expect(withEnvironment({ BIG: 'x'.repeat(4090) })).toThrow(
      new Error(`LlmFunction environment must total at most 4096 bytes (Lambda's 4 KB limit, counted as JSON), got 4100 bytes ${WHERE}`),
    );
  });

  describe('isSecretLikeName', () => {
    it.each([
      'OPENAI_API_KEY',
      'API_KEY',
      'apiKey',
      'openAiApiKey',
      'OPENAI_APIKEY',
      'AWS_SECRET_ACCESS_KEY',
      'CLIENT_SECRET',
      'GITHUB_TOKEN',
      'DB_PASSWORD',
      'dbPassword',
      'SMTP_PASSWD',
      'SIGNING_KEY_ID',
      'SERVICE_CREDENTIALS',
    ])('%s looks like a secret', (name) => {
      expect(isSecretLikeName(name)).toBe(true);
    });

    it.each([
      'OPENAI_API_KEY_SECRET_ARN',
      'SIGNING_KEY_ARN',
      'OPENAI_MODEL',
      'OUTPUT_BUCKET_NAME',
      'MAX_OUTPUT_TOKENS',
      'AWS_ENDPOINT_URL_SECRETS_MANAGER',
      'MONKEY_BUSINESS',
      'POWERTOOLS_SERVICE_NAME',
    ])('%s does not', (name) => {
      expect(isSecretLikeName(name)).toBe(false);
    });
  });

  describe('secretKindOfValue', () => {
    it.each([
      [`sk-${'x'.repeat(40)}`, 'an OpenAI API key'],
      ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
      ['-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'a private key'],
      [`ghp_${'a'.repeat(36)}`, 'a GitHub token'],
      ['xoxb-1234567890-abcdef', 'a Slack token'],
      ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig', 'a JSON Web Token'],
      ['postgres://app:hunter2@db.internal:5432/app', 'a URL with a password'],
    ])('%s is %s', (value, kind) => {
      expect(secretKindOfValue(value)).toBe(kind);
    });

    it.each(['gpt-4o-mini', 'https://api.openai.com/v1', 'task-queue', SECRET_ARN, '1024', 'https://user@example.com/'])('%s is no secret', (value) => {
      expect(secretKindOfValue(value)).toBeUndefined();
    });
  });
});
