import { isSecretAccessKeyShaped, secretKindOfValue, secretKindsOfValue } from './detectors';
import { ACCESS_KEY_ID, GITHUB_PAT, GITHUB_TOKEN, OPENAI_PROJECT_KEY, OPENAI_USER_KEY, PEM, SECRET_ACCESS_KEY, SESSION_KEY_ID } from './spec-fixtures';

describe('secretKindOfValue', () => {
  it.each([
    [OPENAI_PROJECT_KEY, 'an OpenAI API key'],
    [OPENAI_USER_KEY, 'an OpenAI API key'],
    [`Bearer ${OPENAI_PROJECT_KEY}`, 'an OpenAI API key'],
    [ACCESS_KEY_ID, 'an AWS access key id'],
    [SESSION_KEY_ID, 'an AWS access key id'],
    [PEM, 'a private key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'a private key'],
    ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'a private key'],
    ['-----BEGIN PRIVATE KEY-----', 'a private key'],
    [GITHUB_TOKEN, 'a GitHub token'],
    [GITHUB_PAT, 'a GitHub token'],
  ])('finds %s to be %s', (value, kind) => {
    expect(secretKindOfValue(value)).toBe(kind);
  });

  it.each([
    'offline-plan-no-aws-account',
    'arn:aws:iam::111111111111:role/llm-platform-prod-eu-west-1-api',
    'arn:aws:secretsmanager:eu-west-1:333333333333:secret:llm-platform/prod/eu-west-1/openai-api-key-AbCdEf',
    `sha256:${'0123456789abcdef'.repeat(4)}`,
    'llm-platform-dev-us-east-1-sk-generations-111111111111',
    'sk-prod-eu-west-1-generations-bucket',
    'task-queue-with-a-rather-long-name',
    '-----BEGIN CERTIFICATE-----',
    '-----BEGIN PUBLIC KEY-----',
    'AKIA-not-a-key',
    'gho_short',
    '6938fd4d98bab03faadb97b34396831e3780aea1',
    'https://token.actions.githubusercontent.com',
  ])('does not take the look-alike %s for a secret', (value) => {
    expect(secretKindOfValue(value)).toBeUndefined();
  });

  it('finds a secret access key next to its key id in one text (a credentials file)', () => {
    const credentials = `[default]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_ACCESS_KEY}\n`;

    expect(secretKindsOfValue(credentials)).toEqual(['an AWS access key id', 'an AWS secret access key']);
    expect(secretKindsOfValue(`${ACCESS_KEY_ID} ${'6938fd4d98bab03faadb97b34396831e3780aea1'}`)).toEqual(['an AWS access key id']);
  });

  it('takes 40 mixed-case base64 characters for a secret access key shape, and not a hex digest or a name', () => {
    expect(isSecretAccessKeyShaped(SECRET_ACCESS_KEY)).toBe(true);
    expect(isSecretAccessKeyShaped('6938fd4d98bab03faadb97b34396831e3780aea1')).toBe(false);
    expect(isSecretAccessKeyShaped('offline-plan-no-aws-account')).toBe(false);
    expect(isSecretAccessKeyShaped('abcdefghijabcdefghijabcdefghijabcdefghij')).toBe(false);
  });
});
