import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { ApiKeyUnavailableError } from './errors';
import { SecretsManagerApiKeyProvider, StaticApiKeyProvider } from './secrets';
import { TEST_API_KEY, TEST_SECRET_ARN } from './testing/harness';

const secrets = mockClient(SecretsManagerClient);
beforeEach(() => secrets.reset());

function provider(now: () => number, ttlSeconds = 300) {
  return new SecretsManagerApiKeyProvider({ client: new SecretsManagerClient({}), secretId: TEST_SECRET_ARN, ttlSeconds, now });
}

describe('SecretsManagerApiKeyProvider', () => {
  it('reads the secret once for any number of calls within the TTL', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
    let now = 1_000_000;
    const keys = provider(() => now, 300);

    for (let i = 0; i < 50; i++) {
      expect(await keys.getApiKey()).toBe(TEST_API_KEY);
      now += 5_000; // 49 * 5 s = 245 s < 300 s
    }

    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(secrets.commandCalls(GetSecretValueCommand)[0].args[0].input).toEqual({ SecretId: TEST_SECRET_ARN });
  });

  it('reads the secret again once the TTL has passed, and picks up a rotated value', async () => {
    secrets.on(GetSecretValueCommand).resolvesOnce({ SecretString: 'sk-old' }).resolves({ SecretString: 'sk-new' });
    let now = 0;
    const keys = provider(() => now, 60);

    expect(await keys.getApiKey()).toBe('sk-old');
    now = 59_999;
    expect(await keys.getApiKey()).toBe('sk-old');
    now = 60_000;
    expect(await keys.getApiKey()).toBe('sk-new');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('shares one read between concurrent callers', async () => {
    secrets.on(GetSecretValueCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve({ SecretString: TEST_API_KEY }), 20)));
    const keys = provider(() => 0);

    const all = await Promise.all(Array.from({ length: 10 }, () => keys.getApiKey()));

    expect(new Set(all)).toEqual(new Set([TEST_API_KEY]));
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('reads again after invalidate()', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
    const keys = provider(() => 0);

    await keys.getApiKey();
    keys.invalidate();
    await keys.getApiKey();

    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('with a TTL of 0 reads the secret on every call', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_API_KEY });
    const keys = provider(() => 0, 0);

    await keys.getApiKey();
    await keys.getApiKey();

    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it.each([
    ['a JSON value with apiKey', JSON.stringify({ apiKey: TEST_API_KEY })],
    ['a JSON value with OPENAI_API_KEY', JSON.stringify({ OPENAI_API_KEY: TEST_API_KEY })],
    ['a plain value with a trailing newline', `${TEST_API_KEY}\n`],
  ])('accepts %s', async (_name, secretString) => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: secretString });

    expect(await provider(() => 0).getApiKey()).toBe(TEST_API_KEY);
  });

  it.each([
    ['no value', {}],
    ['an empty value', { SecretString: '  ' }],
    ['JSON without a key field', { SecretString: '{"other":"x"}' }],
  ])('refuses a secret with %s, without caching the failure', async (_name, result) => {
    secrets.on(GetSecretValueCommand).resolvesOnce(result).resolves({ SecretString: TEST_API_KEY });
    const keys = provider(() => 0);

    await expect(keys.getApiKey()).rejects.toBeInstanceOf(ApiKeyUnavailableError);
    expect(await keys.getApiKey()).toBe(TEST_API_KEY);
  });

  it('turns a Secrets Manager failure into ApiKeyUnavailableError with the SDK error as detail', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error('User is not authorized to perform: secretsmanager:GetSecretValue'), { name: 'AccessDeniedException' }));

    const error = await provider(() => 0)
      .getApiKey()
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiKeyUnavailableError);
    expect(error).toMatchObject({ code: 'api_key_unavailable', detail: expect.stringContaining('AccessDeniedException') });
  });
});

describe('StaticApiKeyProvider', () => {
  it('returns the key it was given', async () => {
    expect(await new StaticApiKeyProvider('sk-local').getApiKey()).toBe('sk-local');
  });
});
