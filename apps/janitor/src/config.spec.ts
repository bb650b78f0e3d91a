/** The Lambda's variables: every problem named, at load time. */
import { loadJanitorConfig } from './config';
import { JanitorConfigError } from './errors';

const VALID = {
  ENVIRONMENT_NAME: 'dev',
  AWS_REGION: 'us-east-1',
  WORKER_MAX_HOURS: '8',
  OUTPUT_BUCKET_NAME: 'llm-platform-dev-us-east-1-generations-111111111111',
  SPEND_ALARM_NAME: 'llm-platform-dev-us-east-1-openai-daily-spend',
  POWERTOOLS_METRICS_NAMESPACE: 'LlmPlatform',
  POWERTOOLS_SERVICE_NAME: 'janitor',
};

describe('loadJanitorConfig', () => {
  it('reads the variables the stack sets', () => {
    expect(loadJanitorConfig(VALID)).toEqual({
      environment: 'dev',
      region: 'us-east-1',
      maxHours: 8,
      outputBucketName: VALID.OUTPUT_BUCKET_NAME,
      spendAlarmName: VALID.SPEND_ALARM_NAME,
      metricsNamespace: 'LlmPlatform',
      serviceName: 'janitor',
    });
  });

  it('runs without a spend alarm, with the default namespace and service', () => {
    const { SPEND_ALARM_NAME: _a, POWERTOOLS_METRICS_NAMESPACE: _b, POWERTOOLS_SERVICE_NAME: _c, ...rest } = VALID;
    expect(loadJanitorConfig(rest)).toMatchObject({ spendAlarmName: undefined, metricsNamespace: 'LlmPlatform', serviceName: 'janitor' });
  });

  it.each([
    ['ENVIRONMENT_NAME', undefined, 'ENVIRONMENT_NAME is required'],
    ['OUTPUT_BUCKET_NAME', undefined, 'OUTPUT_BUCKET_NAME is required'],
    ['OUTPUT_BUCKET_NAME', 'Not_A_Bucket', 'OUTPUT_BUCKET_NAME must be an S3 bucket name (3..63 of a-z 0-9 . -), got "Not_A_Bucket"'],
    ['WORKER_MAX_HOURS', undefined, "WORKER_MAX_HOURS must be an integer 1..72 (the region's workers.maxHours), got nothing"],
    ['WORKER_MAX_HOURS', '73', 'WORKER_MAX_HOURS must be an integer 1..72 (the region\'s workers.maxHours), got "73"'],
    ['WORKER_MAX_HOURS', '1.5', 'WORKER_MAX_HOURS must be an integer 1..72 (the region\'s workers.maxHours), got "1.5"'],
    ['AWS_REGION', undefined, 'AWS_REGION is required'],
  ])('names %s when it is %p', (name, value, message) => {
    expect(() => loadJanitorConfig({ ...VALID, [name]: value })).toThrow(JanitorConfigError);
    expect(() => loadJanitorConfig({ ...VALID, [name]: value })).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => loadJanitorConfig({})).toThrow(/ENVIRONMENT_NAME is required.*AWS_REGION is required.*WORKER_MAX_HOURS.*OUTPUT_BUCKET_NAME is required/);
  });
});
