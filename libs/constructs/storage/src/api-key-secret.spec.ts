import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Testing } from 'cdktf';
import { ApiKeySecret, type ApiKeySecretProps } from './index';

const props: ApiKeySecretProps = { secretName: 'llm-platform/dev/eu-west-1/openai-api-key', accountId: '111111111111', region: 'eu-west-1' };

function synth(overrides: Partial<ApiKeySecretProps> = {}): string {
  return Testing.synthScope((scope) => new ApiKeySecret(scope, 'Secret', { ...props, ...overrides }));
}

describe('ApiKeySecret', () => {
  it('creates the secret but never a value: no secret version exists in the configuration', () => {
    const json = JSON.parse(synth());
    expect(Object.keys(json.resource)).toEqual(['aws_secretsmanager_secret']);
    expect(synth()).toHaveResourceWithProperties(SecretsmanagerSecret, { name: props.secretName, recovery_window_in_days: 30 });
    expect(synth()).not.toMatch(/secret_string|secret_binary/);
  });

  it('encrypts with a rotated customer-managed key usable only through Secrets Manager, when asked', () => {
    const synthesized = synth({ customerManagedKey: true });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    const [key] = Object.values(JSON.parse(synthesized).resource.aws_kms_key) as Array<{ policy: string }>;
    expect(JSON.parse(key.policy).Statement[1].Condition).toEqual({
      StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' },
    });
    expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecret, { kms_key_id: expect.stringMatching(/aws_kms_key\..*\.arn/) });
  });

  it('protects secret and key from destroy when asked (production)', () => {
    const json = JSON.parse(synth({ customerManagedKey: true, preventDestroy: true }));
    const [secret] = Object.values(json.resource.aws_secretsmanager_secret) as Array<{ lifecycle: unknown }>;
    const [key] = Object.values(json.resource.aws_kms_key) as Array<{ lifecycle: unknown }>;
    expect([secret.lifecycle, key.lifecycle]).toEqual([{ prevent_destroy: true }, { prevent_destroy: true }]);
  });

  it.each([[3], [31], [7.5]])('refuses a recovery window of %s days, naming the range', (days) => {
    expect(() => synth({ recoveryWindowDays: days })).toThrow(`ApiKeySecret recoveryWindowDays must be 0 or 7..30, got ${days} (construct stack/Secret)`);
  });
});
