export { addEnvironmentStacks, selectEnvironments, synthesizeApp, type SynthesizeOptions } from './app';
export { BootstrapStack } from './bootstrap-stack';
export { GlobalStack } from './global-stack';
export { modeFromEnvironment, type DeploymentMode } from './mode';
export { ProjectStack, type ProjectStackProps } from './project-stack';
export { GENERATIONS_PREFIX, RegionalStack } from './regional-stack';
