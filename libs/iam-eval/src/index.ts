/** Public API of iam-eval: an IAM policy evaluator of our own (MIT, no AGPL code) and a least-privilege validator. */
export { parseArn, type Arn } from './arn';
export {
  dateRepresentatives,
  ipBounds,
  ipRepresentatives,
  ipWitness,
  numberRepresentatives,
  stringRepresentatives,
  stringWitness,
  type StringValueSet,
} from './containment';
export { isSupportedOperator, SUPPORTED_OPERATORS, type RequestContext } from './conditions';
export {
  compareWithOracle,
  DifferentialTally,
  type DifferentialCase,
  type DifferentialOutcome,
  type KnownDivergence,
  type OracleEngine,
  type OracleResult,
  type OracleRun,
  type OracleSimulation,
} from './differential';
export type { Truth, Unknown } from './truth';
export { typedContext, type ContextEntry, type TypedContext } from './context';
export {
  actionMatches,
  evaluateRequest,
  Evaluator,
  statementMatches,
  type AccessRequest,
  type Decision,
  type EvaluationResult,
  type PolicySet,
} from './evaluate';
export {
  InvalidPolicyError,
  normalizePolicy,
  policyDocumentSchema,
  policySchemaProblems,
  type ConditionBlock,
  type ConditionValue,
  type NamedPolicy,
  type PolicyDocument,
  type PolicyStatement,
} from './policy';
export { formatPolicyProblem, resourceTypesOf, validatePolicy, withinAllowed, type PolicyProblem, type PolicyValidationOptions } from './validate';
