/** Public API of policy-gen: the command, callable in-process, and its parts. */
export { parsePolicyGenArgs, USAGE, type PolicyGenOptions } from './args';
export { runPolicyGen, type CliDependencies, type CliIo } from './cli';
export { EXIT_INVALID, EXIT_PROVEN, EXIT_UNEXPECTED, EXIT_UNPROVABLE, EXIT_USAGE, ModelCallError, UsageError } from './errors';
export { generateProvenPolicy, MAX_ATTEMPTS, type Attempt, type GenerationInput, type Outcome } from './generate';
export { openAiModel, type ModelQuestion, type ModelReply, type PolicyModel } from '@llm/model';
export { prove, type Proof, type ProofRow } from './prove';
