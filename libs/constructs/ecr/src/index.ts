// Public API of constructs-ecr: a hardened repository, and the registry's cross-region replication.
export { EcrRepository, type EcrEncryption, type EcrRepositoryProps } from './repository';
export { EcrReplication, MAX_REPLICATION_DESTINATIONS, type EcrReplicationProps } from './replication';
export {
  KEEP_LAST_IMAGES,
  UNTAGGED_EXPIRY_DAYS,
  lifecyclePolicyDocument,
  type LifecyclePolicyDocument,
  type LifecyclePolicyOptions,
  type LifecycleRule,
} from './lifecycle';
