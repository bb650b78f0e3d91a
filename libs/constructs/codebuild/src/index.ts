/** Public API of constructs-codebuild: the CodeBuild pipeline that builds and pushes the function's image. */
export {
  DEFAULT_BRANCH,
  DEFAULT_BUILD_ARCHITECTURE,
  DEFAULT_BUILD_LOG_RETENTION_DAYS,
  DEFAULT_BUILDSPEC_PATH,
  DEFAULT_COMPUTE_TYPE,
  ImagePipeline,
  type ImagePipelineProps,
} from './image-pipeline';
export {
  BUILD_ARCHITECTURES,
  BUILD_COMPUTE_TYPES,
  BUILD_IMAGES,
  buildVariables,
  type BuildArchitecture,
  type BuildComputeType,
  type BuildVariables,
} from './build-environment';
export { IMAGE_DIGEST_PATTERN, IMAGE_DIGEST_PLACEHOLDER } from './digest-parameter';
export { buildLogGroupName } from './logs';
export { CONNECTION_ACTIONS, ECR_PUSH_ACTIONS } from './service-role';
export { branchRefPattern, connectionActionPrefix } from './source';
export { BUILD_TIMEOUT_MINUTES, MAX_PARAMETER_LEVELS } from './validation';
