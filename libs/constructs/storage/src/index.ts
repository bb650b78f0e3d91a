export { SecureBucket, tlsOnlyPolicy, type SecureBucketProps } from './secure-bucket';
