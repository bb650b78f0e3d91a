export { addEnvironmentStacks, selectEnvironments, synthesizeApp, type SynthesizeOptions } from './app';
export { BootstrapStack } from './bootstrap-stack';
export { GlobalStack } from './global-stack';
export { modeFromEnvironment, type DeploymentMode } from './mode';
export { ProjectStack, type ProjectStackProps } from './project-stack';
export { RegionalStack } from './regional-stack';
export { METRICS_NAMESPACE } from './regional/api-role';
export { GENERATIONS_PREFIX } from './regional/storage';
