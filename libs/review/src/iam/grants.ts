/** Whether one statement grants at least what another grants, conditions aside: how statements are matched by content rather than by Sid. */
import { isPublicPrincipal, wildcardMatches, type Statement } from './policy';

/**
 * Whether `old` grants at least what `current` grants, conditions aside: every action, resource
 * and principal of `current` falls within `old`'s.
 */
export function grantCovers(old: Statement, current: Statement): boolean {
  if (old.effect !== current.effect) return false;
  // NotAction and NotResource lists are compared as written: whether one covers another is another question.
  const negated = (statement: Statement) => JSON.stringify([statement.notActions.map(lower), statement.notResources]);
  return negated(old) === negated(current) && covers(old.actions, current.actions) && covers(old.resources, current.resources) && principalsCover(old, current);
}

function covers(patterns: readonly string[], values: readonly string[]): boolean {
  return values.every((value) => patterns.some((pattern) => wildcardMatches(pattern, value)));
}

function principalsCover(old: Statement, current: Statement): boolean {
  return current.principals.every((principal) => old.principals.includes(principal) || old.principals.some(isPublicPrincipal));
}

function lower(text: string): string {
  return text.toLowerCase();
}
