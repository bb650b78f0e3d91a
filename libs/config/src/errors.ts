/** Configuration errors: one problem per broken rule, naming environment, field, value and rule. */

export interface ConfigProblem {
  /** Environment name, or its position when the name itself is unusable. */
  readonly environment: string;
  /** Path of the field inside the environment, e.g. `regions[1].vpc.cidr`. */
  readonly field: string;
  readonly value: unknown;
  /** What the value must satisfy, and how to fix it where that is not obvious. */
  readonly rule: string;
}

export function formatProblem(problem: ConfigProblem): string {
  return `environment "${problem.environment}": ${problem.field} = ${formatValue(problem.value)}: ${problem.rule}`;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid environment configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
