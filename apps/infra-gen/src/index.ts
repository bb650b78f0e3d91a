/** Public API of infra-gen: the command, callable in-process, and its parts. */
export { parseInfraGenArgs, USAGE, type InfraGenOptions } from './args';
export { runInfraGen, WORKSPACE_ROOT, type CliDependencies, type CliIo } from './cli';
export { checkChange, type CheckResult } from './check';
export { generateProvenChange, MAX_ATTEMPTS, type Attempt, type Outcome } from './generate';
export { applyOperations, parseChange, parsePointer, PROTECTED_PATHS, type Json, type Operation } from './patch';
export { proveChange, type ProofResult, type StackProof } from './prove';
export { CHANGE_SCHEMA_NAME, changeAnswerJsonSchema, configurationJsonSchema, toStrictSchema } from './schema';
export { editEnvironmentSource, unifiedDiff } from './source-edit';
export { ACCEPTABLE, verdict, type Acceptable, type Verdict } from './verdict';
