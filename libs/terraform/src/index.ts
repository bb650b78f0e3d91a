export { AWS_PROVIDER_VERSION, findProviderMirror, mirrorHoldsAwsProvider, writeCliConfig } from './mirror';
export { countChanges, parsePlanJson, type ChangeCounts, type PlanAction, type PlanJson, type PlanResourceChange } from './plan-json';
export {
  PLAN_FILE,
  PLAN_JSON_FILE,
  planStack,
  readPlanJson,
  type PlanStackOptions,
  type PlanStep,
  type PlanStepDurations,
  type StackPlanResult,
} from './plan-stack';
export { checkInitialised, DATA_DIR, INIT_STAMP_FILE, LOCK_FILE, type InitCheck } from './init-state';
export { defaultPlanConcurrency, mapWithConcurrency, MAX_PLAN_CONCURRENCY, PLAN_PROCESS_BYTES } from './pool';
export { runTerraform, terraformEnvironment, terraformVersion, type RunOptions, type TerraformEnvironment, type TerraformResult } from './terraform';
export { OFFLINE_PROVIDER_SETTINGS } from './offline-provider';
export {
  DEFAULT_EMULATOR_URL,
  EMULATED_SERVICES,
  EMULATOR_CREDENTIAL,
  EMULATOR_URL_VARIABLE,
  emulatorBackendSettings,
  emulatorEndpoint,
  emulatorPort,
  emulatorProviderSettings,
  emulatorRoleArn,
  EmulatorUrlError,
  parseEmulatorUrl,
} from './emulator';
export { applyCounts, applyStack, type ApplyCounts, type ApplyStackOptions, type StackApplyResult } from './apply-stack';
export {
  DEFAULT_MAX_ENTRIES,
  PlanCache,
  planCacheDir,
  planCacheKey,
  planCacheKeyParts,
  providerBuild,
  type CacheLookup,
  type PlanCacheIdentity,
  type PlanCacheKeyParts,
} from './plan-cache';
export { stateFromPlan, type StateFromPlanOptions } from './state-from-plan';
