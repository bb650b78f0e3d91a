export { addEnvironmentStacks, EnvironmentSelectionError, selectEnvironments, synthesizeApp, USAGE_EXIT_CODE, type SynthesizeOptions } from './app';
export { BootstrapStack } from './bootstrap-stack';
export { GlobalStack } from './global-stack';
export { EMULATOR_FIDELITY_GAPS, EMULATOR_LEFT_OUT, leftOutInEmulator, removeEmulatorGaps, type FidelityGap, type LeftOutType } from './emulator-gaps';
export { emulatorMode, isEmulatorMode, modeFromEnvironment, modeName, type DeploymentMode, type EmulatorMode } from './mode';
export { EMULATOR_LOCAL_STATE_DIR, emulatorLocalStatePath, ProjectStack, type ProjectStackProps } from './project-stack';
export { RegionalStack } from './regional-stack';
export { METRICS_NAMESPACE } from './regional/api-role';
export { GENERATIONS_PREFIX } from './regional/storage';
