export { Naming, PROJECT_NAME, type StackScope } from './naming';
export { LOCATION_TAG_KEYS, MANAGED_BY, REQUIRED_TAG_KEYS, missingTagKeys, standardTags, WORKER_TAGS, workerTags } from './tagging';
