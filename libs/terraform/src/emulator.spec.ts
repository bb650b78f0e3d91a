import { applyCounts } from './apply-stack';
import { emulatorBackendSettings, emulatorProviderSettings, EmulatorUrlError, parseEmulatorUrl } from './emulator';

describe('parseEmulatorUrl', () => {
  it.each(['http://127.0.0.1:4566', 'http://localhost:4566', 'http://[::1]:4566', 'https://127.0.0.2:8443', 'http://127.0.0.1:4566/'])(
    'accepts the loopback URL %s',
    (text) => {
      expect(parseEmulatorUrl(text).origin).toBe(new URL(text).origin);
    },
  );

  it.each([
    [
      'http://10.0.0.1:4566',
      'INFRA_EMULATOR_URL="http://10.0.0.1:4566" is not a loopback address: the emulator must run on this machine (127.0.0.0/8, localhost or [::1])',
    ],
    ['http://example.com:4566', 'is not a loopback address'],
    ['http://127.0.0.1.example.com:4566', 'is not a loopback address'],
    ['127.0.0.1:4566', 'is not a URL'],
    ['localhost:4566', 'must use http or https, got localhost'],
    ['nonsense', 'INFRA_EMULATOR_URL="nonsense" is not a URL; expected e.g. http://127.0.0.1:4566'],
    ['ftp://127.0.0.1:21', 'must use http or https, got ftp'],
    ['http://127.0.0.1:4566/moto-api', 'must be scheme, host and port only'],
    ['http://user:pw@127.0.0.1:4566', 'must be scheme, host and port only'],
  ])('refuses %s, saying why', (text, message) => {
    expect(() => parseEmulatorUrl(text)).toThrow(EmulatorUrlError);
    expect(() => parseEmulatorUrl(text)).toThrow(message);
  });
});

describe('emulator settings', () => {
  const url = parseEmulatorUrl('http://127.0.0.1:4599');

  it('points every endpoint at the emulator, keeps allowed_account_ids and assumes a role in the environment account', () => {
    const settings = emulatorProviderSettings(url, '111111111111', 'cdktf-dev-global');
    expect(settings.allowedAccountIds).toEqual(['111111111111']);
    expect(settings.assumeRole).toEqual([{ roleArn: 'arn:aws:iam::111111111111:role/llm-platform-emulator', sessionName: 'cdktf-dev-global' }]);
    expect(new Set(Object.values(settings.endpoints[0]))).toEqual(new Set(['http://127.0.0.1:4599']));
    expect(settings.endpoints[0]).toMatchObject({ s3: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599', lambda: 'http://127.0.0.1:4599' });
    expect(settings.s3UsePathStyle).toBe(true);
  });

  it('gives the S3 backend the same emulator, account and path style', () => {
    expect(emulatorBackendSettings(url, '333333333333')).toMatchObject({
      endpoints: { s3: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599', iam: 'http://127.0.0.1:4599' },
      use_path_style: true,
      assume_role: { role_arn: 'arn:aws:iam::333333333333:role/llm-platform-emulator' },
    });
  });
});

describe('applyCounts', () => {
  it('reads the closing line of an apply, a destroy and an apply with nothing to do', () => {
    expect(applyCounts('...\nApply complete! Resources: 6 added, 1 changed, 2 destroyed.\n')).toEqual({ added: 6, changed: 1, destroyed: 2 });
    expect(applyCounts('Destroy complete! Resources: 52 destroyed.')).toEqual({ added: 0, changed: 0, destroyed: 52 });
    expect(applyCounts('No changes. Your infrastructure matches the configuration.')).toEqual({ added: 0, changed: 0, destroyed: 0 });
  });

  it('refuses output without a closing line instead of counting zero', () => {
    expect(() => applyCounts('Terraform will perform the following actions')).toThrow(/without its closing "Apply complete!" line/);
  });
});
