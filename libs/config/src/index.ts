export { parseCidr, cidrsOverlap, type Ipv4Cidr } from './cidr';
export { ConfigValidationError, formatProblem, type ConfigProblem } from './errors';
export { KNOWN_REGIONS, isKnownRegion, partitionOf, azBelongsToRegion, type AwsRegion } from './regions';
export { DEFAULT_USAGE, environmentSchema, LOG_RETENTION_DAYS, type EnvironmentConfig, type EnvironmentInput, type RegionConfig } from './schema';
export { defineEnvironment, validateEnvironments } from './validate';
export { constructError, describeLocation, deploymentContextOf, setDeploymentContext, type DeploymentContext } from './deployment-context';
export {
  instanceFamily,
  isWorkerFamily,
  resolveWorkers,
  WORKER_FAMILIES,
  WORKER_MAX_HOURS_LIMIT,
  WORKER_QUOTA_CODES,
  workersSchema,
  type ResolvedWorkers,
  type WorkerFamily,
  type WorkerQuotaCode,
  type WorkersConfig,
} from './workers';
