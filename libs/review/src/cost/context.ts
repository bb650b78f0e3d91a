/** Reads the cost context the synth wrote next to a stack's plan (schema in @llm/pricing). */
import { costContextSchema, type CostContext } from '@llm/pricing';
import { inputErrors } from '../errors';
import { readJsonFile } from '../input/read';

export { COST_CONTEXT_JSON, type CostContext } from '@llm/pricing';

/** Reads a cost-context.json, turning a bad one into one line naming the file and the field. */
export function readCostContext(path: string): CostContext {
  const parsed = costContextSchema.safeParse(readJsonFile(path));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw inputErrors.invalidCostContext(path, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
