/**
 * Identity-policy documents: their types, the schema (zod) a document must satisfy before it is
 * evaluated or validated, and the normalized form the evaluator works on (lists everywhere,
 * condition values as strings, statements labelled for reports).
 */
import { z } from 'zod';

export type ConditionValue = string | number | boolean;

/** `{ Operator: { key: value | values } }`, as in IAM JSON. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, ConditionValue | readonly ConditionValue[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  /** 2012-10-17 resolves policy variables; 2008-10-17 (or none) takes `${...}` literally. */
  readonly Version?: '2012-10-17' | '2008-10-17';
  readonly Id?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** A policy with the name reports use for it (`identity:<name>`, `boundary:<name>`). */
export interface NamedPolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

const nonEmpty = z.string().min(1, 'must not be empty');
const stringOrList = z.union([nonEmpty, z.array(nonEmpty).min(1, 'must list at least one value')]);
const conditionScalar = z.union([z.string(), z.number(), z.boolean()]);
const conditionValue = z.union([conditionScalar, z.array(conditionScalar).min(1, 'must list at least one value')]);

export const policyStatementSchema = z
  .strictObject({
    Sid: z
      .string()
      .regex(/^[A-Za-z0-9]*$/, 'Sid may hold only letters and digits')
      .optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Condition: z.record(nonEmpty, z.record(nonEmpty, conditionValue)).optional(),
  })
  .superRefine((statement, context) => {
    const exactlyOne = (a: 'Action' | 'Resource', b: 'NotAction' | 'NotResource') => {
      const count = Number(statement[a] !== undefined) + Number(statement[b] !== undefined);
      if (count !== 1) context.addIssue({ code: 'custom', message: `needs exactly one of ${a} or ${b}, found ${count === 0 ? 'neither' : 'both'}` });
    };
    exactlyOne('Action', 'NotAction');
    exactlyOne('Resource', 'NotResource');
  });

/** An identity policy (or permission boundary): no Principal, Resource required. */
export const policyDocumentSchema = z.strictObject({
  Version: z.enum(['2012-10-17', '2008-10-17']).optional(),
  Id: z.string().optional(),
  // One statement may stand alone; checked as a list either way, so problems name their index.
  Statement: z.preprocess(
    (value) => (Array.isArray(value) || value === undefined ? value : [value]),
    z.array(policyStatementSchema).min(1, 'must hold at least one statement'),
  ),
});

export class InvalidPolicyError extends Error {
  constructor(
    readonly policy: string,
    readonly problems: readonly string[],
  ) {
    super(`Policy ${policy} is not a valid identity policy: ${problems.join('; ')}`);
    this.name = 'InvalidPolicyError';
  }
}

/** The problems that keep `document` from being an identity policy, one line each (empty if none). */
export function policySchemaProblems(document: unknown): string[] {
  const result = policyDocumentSchema.safeParse(document);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

export interface NormalizedCondition {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface NormalizedStatement {
  readonly policy: string;
  readonly index: number;
  readonly sid: string | undefined;
  /** `<policy>:<Sid>` or `<policy>:#<index>`. */
  readonly label: string;
  readonly effect: 'Allow' | 'Deny';
  /** Exactly one of actions / notActions is set. */
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly conditions: readonly NormalizedCondition[];
  /** Whether `${...}` are policy variables (Version 2012-10-17) or literal text. */
  readonly variables: boolean;
}

export function isNamedPolicy(value: PolicyDocument | NamedPolicy): value is NamedPolicy {
  return 'document' in value && 'name' in value;
}

/** Checks a document against the schema and flattens it; throws InvalidPolicyError if it is not one. */
export function normalizePolicy(name: string, document: unknown): NormalizedStatement[] {
  const problems = policySchemaProblems(document);
  if (problems.length > 0) throw new InvalidPolicyError(name, problems);
  const parsed = document as PolicyDocument;
  const statements: readonly PolicyStatement[] = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement as PolicyStatement];
  const variables = parsed.Version === '2012-10-17';
  return statements.map((statement, index) => ({
    policy: name,
    index,
    sid: statement.Sid || undefined,
    label: `${name}:${statement.Sid ? statement.Sid : `#${index}`}`,
    effect: statement.Effect,
    ...(statement.Action !== undefined ? { actions: asList(statement.Action) } : { notActions: asList(statement.NotAction) }),
    ...(statement.Resource !== undefined ? { resources: asList(statement.Resource) } : { notResources: asList(statement.NotResource) }),
    conditions: Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) =>
      Object.entries(keys).map(([key, value]) => ({ operator, key, values: asConditionValues(value) })),
    ),
    variables,
  }));
}

export function asList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function asConditionValues(value: ConditionValue | readonly ConditionValue[]): string[] {
  return (Array.isArray(value) ? value : [value]).map((item: ConditionValue) => String(item));
}
