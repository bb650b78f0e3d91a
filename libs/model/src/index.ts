export { EXIT_INVALID, EXIT_PROVEN, EXIT_UNEXPECTED, EXIT_UNPROVABLE, EXIT_USAGE, ModelCallError } from './errors';
export { openAiModel, type ModelQuestion, type ModelReply, type OpenAiModelOptions, type PolicyModel } from './model';
