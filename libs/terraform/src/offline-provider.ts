/** AWS provider settings that let `terraform plan -refresh=false` run with no AWS account and no network. */

// Not credentials: offline plans must not find real ones, and the provider needs some value.
const OFFLINE_CREDENTIAL = 'offline-plan-no-aws-account';

export const OFFLINE_PROVIDER_SETTINGS = {
  accessKey: OFFLINE_CREDENTIAL,
  secretKey: OFFLINE_CREDENTIAL,
  skipCredentialsValidation: true,
  skipRequestingAccountId: true,
  // A string in the provider schema, not a boolean.
  skipMetadataApiCheck: 'true',
} as const;
