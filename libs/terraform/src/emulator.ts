/**
 * Emulator mode: the real mode's provider and S3 backend, pointed at a local AWS emulator (moto
 * server) on a loopback address, so stacks are applied, re-planned, drifted and destroyed without
 * an AWS account.
 */

export const EMULATOR_URL_VARIABLE = 'INFRA_EMULATOR_URL';
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:4566';

/**
 * Not credentials: the emulator accepts any key, and fixed placeholders keep whatever real
 * credentials the caller holds from ever being sent anywhere in this mode.
 */
export const EMULATOR_CREDENTIAL = 'emulator-test-credential';

/** Every service the stacks use (and STS, through which the emulated account is chosen). */
export const EMULATED_SERVICES = [
  'accessanalyzer',
  'apigatewayv2',
  'budgets',
  'ce',
  'cloudwatch',
  'cloudwatchlogs',
  'codebuild',
  'codeconnections',
  'ec2',
  'ecr',
  'events',
  'iam',
  'kms',
  'lambda',
  's3',
  'scheduler',
  'secretsmanager',
  'servicequotas',
  'sns',
  'sqs',
  'ssm',
  'sts',
] as const;

export class EmulatorUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorUrlError';
  }
}

/** The emulator runs on this machine: anything but a loopback http(s) URL is refused. */
export function parseEmulatorUrl(text: string, source = EMULATOR_URL_VARIABLE): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EmulatorUrlError(`${source}="${text}" is not a URL; expected e.g. ${DEFAULT_EMULATOR_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EmulatorUrlError(`${source}="${text}" must use http or https, got ${url.protocol.replace(/:$/, '')}`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new EmulatorUrlError(`${source}="${text}" is not a loopback address: the emulator must run on this machine (127.0.0.0/8, localhost or [::1])`);
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new EmulatorUrlError(`${source}="${text}" must be scheme, host and port only, e.g. ${DEFAULT_EMULATOR_URL}`);
  }
  return url;
}

function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** The port the URL names, or its scheme's default. */
export function emulatorPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** `http://127.0.0.1:4566`, without the trailing slash URL.toString() adds. */
export function emulatorEndpoint(url: URL): string {
  return url.origin;
}

/**
 * The role every emulated request assumes. moto answers each assumed role's requests as the
 * account in its ARN, so each environment applies into its own account, as in AWS, and
 * `allowed_account_ids` keeps guarding the provider. moto does not check that the role exists.
 */
export function emulatorRoleArn(accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role/llm-platform-emulator`;
}

/** AWS provider settings (cdktf property names) for emulator mode. */
export function emulatorProviderSettings(url: URL, accountId: string, sessionName: string) {
  const endpoint = emulatorEndpoint(url);
  return {
    accessKey: EMULATOR_CREDENTIAL,
    secretKey: EMULATOR_CREDENTIAL,
    allowedAccountIds: [accountId],
    assumeRole: [{ roleArn: emulatorRoleArn(accountId), sessionName }],
    endpoints: [Object.fromEntries(EMULATED_SERVICES.map((service) => [service, endpoint]))],
    s3UsePathStyle: true,
    skipMetadataApiCheck: 'true',
    // An unsupported call fails fast instead of being retried for minutes.
    maxRetries: 2,
  };
}

/** S3 backend settings (Terraform's own names, for an override) for emulator mode. */
export function emulatorBackendSettings(url: URL, accountId: string): Record<string, unknown> {
  const endpoint = emulatorEndpoint(url);
  return {
    access_key: EMULATOR_CREDENTIAL,
    secret_key: EMULATOR_CREDENTIAL,
    endpoints: { s3: endpoint, sts: endpoint, iam: endpoint },
    use_path_style: true,
    skip_metadata_api_check: true,
    assume_role: { role_arn: emulatorRoleArn(accountId) },
  };
}
