/**
 * Whether one statement's conditions let through requests another's do not, decided by our IAM
 * evaluator (@llm/iam-eval) on witness requests (iam/witnesses.ts): a witness that one side allows
 * and the other denies proves the difference; the witnesses are complete (every request meets the
 * conditions as one of them does), so finding none proves there is none. Where the evaluator cannot
 * decide a witness (a policy variable, an unsupported operator, a malformed value) or a key could
 * only be sampled (a set operator), the answer says so instead of guessing.
 */
import { Evaluator, type ConditionBlock, type PolicyDocument } from '@llm/iam-eval';
import type { ConditionEntry, Statement } from './policy';
import { MAX_WITNESSES, witnessContexts, type WitnessContext } from './witnesses';

/** The conditions of one statement, and whether its document resolves policy variables. */
export type ConditionSet = Pick<Statement, 'conditionEntries' | 'variables'>;

export type ConditionVerdict =
  /** They let through the same requests. */
  | { readonly verdict: 'same' }
  /** Everything the new side lets through, the old side did. */
  | { readonly verdict: 'narrower' }
  /** The new side lets through a request the old did not, and everything the old did. */
  | { readonly verdict: 'broader'; readonly witness: WitnessContext }
  /** Each side lets through a request the other does not. */
  | { readonly verdict: 'different'; readonly witness: WitnessContext }
  | { readonly verdict: 'undecided'; readonly reasons: readonly string[] };

type Outcome = true | false | { readonly unknown: string };

/** The action and resource of every witness request: the statements compared are reduced to their conditions. */
const WITNESS_ACTION = 'review:Witness';

/**
 * Compares the conditions of `current` with those of the statements it replaces (`previous`, any
 * of which may have let a request through). Grants (actions, resources, principals) are the
 * caller's business: only conditions are compared here.
 */
export function compareConditions(previous: readonly ConditionSet[], current: ConditionSet): ConditionVerdict {
  const variables = new Map<ConditionEntry, boolean>();
  for (const set of [...previous, current]) for (const entry of set.conditionEntries) variables.set(entry, set.variables);
  const witnesses = witnessContexts([...previous.flatMap((set) => set.conditionEntries), ...current.conditionEntries], (entry) => variables.get(entry) ?? true);
  if (!witnesses)
    return { verdict: 'undecided', reasons: [`the conditions name too many keys and values to compare (more than ${MAX_WITNESSES} combinations)`] };
  const before = previous.map(conditionDecider);
  const after = conditionDecider(current);
  let gained: WitnessContext | undefined;
  let lost = false;
  const reasons = new Set<string>();
  for (const context of witnesses.contexts) {
    const now = after(context);
    const then = anyOf(before.map((decide) => decide(context)));
    if (now === true && then === false) gained ??= context;
    else if (then === true && now === false) lost = true;
    else if (now !== false && then !== true && (typeof now === 'object' || typeof then === 'object')) {
      // Only where an open answer could hide a request let through now that was not before.
      for (const outcome of [now, then]) if (typeof outcome === 'object') reasons.add(outcome.unknown);
    }
  }
  if (gained) return lost ? { verdict: 'different', witness: gained } : { verdict: 'broader', witness: gained };
  // Sampled keys prove nothing by finding no difference, unless some earlier statement had the very same conditions.
  if (reasons.size === 0 && witnesses.sampled.length > 0 && previous.some((set) => sameConditions(set, current))) {
    return lost ? { verdict: 'narrower' } : { verdict: 'same' };
  }
  for (const reason of witnesses.sampled) reasons.add(reason);
  if (reasons.size > 0) return { verdict: 'undecided', reasons: [...reasons] };
  return lost ? { verdict: 'narrower' } : { verdict: 'same' };
}

/** Whether a statement with only these conditions allows a witness request. */
function conditionDecider(set: ConditionSet): (context: WitnessContext) => Outcome {
  const document: PolicyDocument = {
    Version: set.variables ? '2012-10-17' : '2008-10-17',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*', ...(set.conditionEntries.length > 0 ? { Condition: conditionBlock(set.conditionEntries) } : {}) },
    ],
  };
  let evaluator: Evaluator;
  try {
    evaluator = new Evaluator({ identity: [document] });
  } catch (error) {
    const reason = `the condition block is not one IAM accepts (${(error as Error).message})`;
    return () => ({ unknown: reason });
  }
  return (context) => {
    const result = evaluator.evaluate({ action: WITNESS_ACTION, resource: '*', context });
    if (result.decision === 'allowed') return true;
    // The evaluator's reason names its own policy and statement, which mean nothing to a reader here.
    if (result.decision === 'undecided') return { unknown: result.reason.replace(/^whether an Allow statement applies is open: /, '') };
    return false;
  };
}

function conditionBlock(entries: readonly ConditionEntry[]): ConditionBlock {
  const block: Record<string, Record<string, readonly string[]>> = {};
  for (const { operator, key, values } of entries) block[operator] = { ...(block[operator] ?? {}), [key]: values };
  return block;
}

function sameConditions(a: ConditionSet, b: ConditionSet): boolean {
  const canonical = (set: ConditionSet) =>
    JSON.stringify(set.conditionEntries.map((entry) => [entry.operator, entry.key.toLowerCase(), [...entry.values].sort()]).sort());
  return a.variables === b.variables && canonical(a) === canonical(b);
}

function anyOf(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.includes(true)) return true;
  return outcomes.find((outcome) => typeof outcome === 'object') ?? false;
}
