import { loadConfig } from './config';
import { ConfigError } from './errors';
import { TEST_BUCKET, TEST_SECRET_ARN } from './testing/harness';

const LAMBDA_ENV = { OUTPUT_BUCKET_NAME: TEST_BUCKET, OPENAI_API_KEY_SECRET_ARN: TEST_SECRET_ARN };

function problemsOf(env: Record<string, string>, mode: 'lambda' | 'local' = 'lambda'): readonly string[] {
  try {
    loadConfig(env, mode);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(LAMBDA_ENV, 'lambda')).toEqual({
      mode: 'lambda',
      outputBucketName: TEST_BUCKET,
      localRecordsDir: '.local',
      apiKeySecretArn: TEST_SECRET_ARN,
      localApiKey: undefined,
      secretCacheTtlSeconds: 300,
      defaultModel: 'gpt-4.1-mini',
      allowedModels: ['gpt-4.1-mini'],
      openaiBaseUrl: undefined,
      openaiTimeoutMs: 20_000,
      openaiMaxRetries: 2,
      maxBodyBytes: 32_768,
      logPromptText: false,
      metricsNamespace: 'LlmPlatform',
      serviceName: 'llm-api',
      spendAlarmName: undefined,
      spendStateTtlSeconds: 60,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        ...LAMBDA_ENV,
        OPENAI_MODEL: 'gpt-4.1',
        OPENAI_ALLOWED_MODELS: ' gpt-4.1 , gpt-4.1-mini,gpt-4.1 ',
        OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1',
        OPENAI_TIMEOUT_MS: '25000',
        OPENAI_MAX_RETRIES: '0',
        SECRET_CACHE_TTL_SECONDS: '0',
        MAX_BODY_BYTES: '65536',
        LOG_PROMPT_TEXT: 'true',
        POWERTOOLS_METRICS_NAMESPACE: 'Custom/Llm',
        POWERTOOLS_SERVICE_NAME: 'generate',
      },
      'lambda',
    );

    expect(config).toMatchObject({
      defaultModel: 'gpt-4.1',
      allowedModels: ['gpt-4.1', 'gpt-4.1-mini'],
      openaiBaseUrl: 'http://127.0.0.1:8080/v1',
      openaiTimeoutMs: 25_000,
      openaiMaxRetries: 0,
      secretCacheTtlSeconds: 0,
      maxBodyBytes: 65_536,
      logPromptText: true,
      metricsNamespace: 'Custom/Llm',
      serviceName: 'generate',
    });
  });

  it('names each missing variable in Lambda', () => {
    expect(problemsOf({})).toEqual([
      'OUTPUT_BUCKET_NAME is required: the S3 bucket that receives one record per request',
      'OPENAI_API_KEY_SECRET_ARN is required: the Secrets Manager secret that holds the OpenAI API key',
    ]);
  });

  it('names each invalid variable with the rule and the value', () => {
    expect(
      problemsOf({
        ...LAMBDA_ENV,
        OPENAI_TIMEOUT_MS: '20s',
        OPENAI_MAX_RETRIES: '11',
        MAX_BODY_BYTES: '-1',
        LOG_PROMPT_TEXT: 'yes please',
        OPENAI_BASE_URL: 'api.openai.com',
        OPENAI_API_KEY_SECRET_ARN: 'my-secret',
      }),
    ).toEqual([
      'OPENAI_API_KEY_SECRET_ARN must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>), got "my-secret"',
      'OPENAI_BASE_URL must be an http(s) URL, got "api.openai.com"',
      'OPENAI_TIMEOUT_MS must be an integer 1000..900000, got "20s"',
      'OPENAI_MAX_RETRIES must be an integer 0..10, got "11"',
      'MAX_BODY_BYTES must be an integer 1024..6000000, got "-1"',
      'LOG_PROMPT_TEXT must be true or false, got "yes please"',
    ]);
  });

  it('requires the allow-list to contain the default model', () => {
    expect(problemsOf({ ...LAMBDA_ENV, OPENAI_MODEL: 'gpt-4.1-mini', OPENAI_ALLOWED_MODELS: 'gpt-4.1' })).toEqual([
      'OPENAI_ALLOWED_MODELS (gpt-4.1) must include the default model OPENAI_MODEL="gpt-4.1-mini"',
    ]);
  });

  it('puts every problem in one error message', () => {
    expect(() => loadConfig({ OPENAI_MAX_RETRIES: 'x' }, 'lambda')).toThrow(
      /Invalid llm-api configuration \(1 problem\):\n {2}- OPENAI_MAX_RETRIES must be an integer 0\.\.10, got "x"/,
    );
  });

  it('ignores OPENAI_API_KEY in Lambda: the key comes only from Secrets Manager', () => {
    expect(loadConfig({ ...LAMBDA_ENV, OPENAI_API_KEY: 'sk-from-env' }, 'lambda').localApiKey).toBeUndefined();
  });

  it('runs locally with OPENAI_API_KEY and no AWS at all', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-local', LOCAL_RECORDS_DIR: '/tmp/records' }, 'local')).toMatchObject({
      mode: 'local',
      outputBucketName: undefined,
      apiKeySecretArn: undefined,
      localApiKey: 'sk-local',
      localRecordsDir: '/tmp/records',
    });
  });

  it('asks for a key, a base URL or a secret locally', () => {
    expect(problemsOf({}, 'local')).toEqual([expect.stringMatching(/^OPENAI_API_KEY is required locally/)]);
  });
});
