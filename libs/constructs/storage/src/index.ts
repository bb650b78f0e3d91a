export { ApiKeySecret, secretKeyPolicy, type ApiKeySecretProps } from './api-key-secret';
export { SecureBucket, tlsOnlyPolicy, type SecureBucketProps } from './secure-bucket';
