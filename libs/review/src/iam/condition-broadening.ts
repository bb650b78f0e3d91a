/**
 * Whether a new statement's conditions let through more than those of the statements it replaces,
 * in words a reviewer reads: `condition broadened: StringLike ...:sub = repo:acme/x:... -> repo:acme/*`.
 */
import { listed } from '../text';
import type { Broadening } from './broadening';
import { compareConditions, type ConditionVerdict } from './conditions';
import type { DocumentKind } from './documents';
import { grantCovers } from './grants';
import { isPublicPrincipal, type Statement } from './policy';

/**
 * Whether the conditions of a new statement let through more than those of the statements it
 * replaces: the earlier statements that grant at least what it grants, whatever their Sid, or the
 * one with its Sid when none does (a statement that gained actions and lost a condition).
 */
export function conditionBroadening(statement: Statement, beforeAllows: readonly Statement[], kind: DocumentKind): Broadening | undefined {
  let counterparts = beforeAllows.filter((old) => grantCovers(old, statement));
  if (counterparts.length === 0) counterparts = beforeAllows.filter((old) => old.sid !== undefined && old.sid === statement.sid);
  if (counterparts.length === 0 || counterparts.every((old) => old.conditionEntries.length === 0)) return undefined;
  const verdict = compareConditions(counterparts, statement);
  const changes = conditionChanges(counterparts, statement);
  return describeConditionVerdict(verdict, changes, statement, kind);
}

function describeConditionVerdict(verdict: ConditionVerdict, changes: ConditionChanges, statement: Statement, kind: DocumentKind): Broadening | undefined {
  if (verdict.verdict === 'same' || verdict.verdict === 'narrower') return undefined;
  if (verdict.verdict === 'undecided') {
    return { severity: 'low', message: `could not decide whether the changed conditions allow more (${changes.text}): ${verdict.reasons.join('; ')}` };
  }
  // Left without any condition: a public principal is anyone, a federated one anyone its provider signs a token for.
  const unconditioned = statement.conditionEntries.length === 0;
  const high =
    unconditioned &&
    (statement.principals.some(isPublicPrincipal) || (kind === 'trust' && statement.principals.some((principal) => principal.startsWith('Federated:'))));
  const message =
    verdict.verdict === 'different'
      ? `conditions changed (${changes.text}): they now let through requests they did not, and no longer some they did`
      : changes.onlyRemoved
        ? `condition${changes.removed.length === 1 ? '' : 's'} removed: ${listed(changes.removed, 2)}`
        : `condition broadened: ${changes.text}`;
  return { severity: high ? 'high' : 'medium', message };
}

export interface ConditionChanges {
  /** `StringLike token.actions.githubusercontent.com:sub = repo:acme/x:ref:refs/heads/main -> repo:acme/*`, one per key changed. */
  readonly text: string;
  /** Conditions whose key the new statement no longer has. */
  readonly removed: readonly string[];
  readonly onlyRemoved: boolean;
}

/** The conditions that differ, key by key, in the words a reviewer reads them. */
export function conditionChanges(previous: readonly Statement[], current: Statement): ConditionChanges {
  const byKey = (statements: readonly Statement[]) => {
    const map = new Map<string, string[]>();
    for (const statement of statements) {
      statement.conditionEntries.forEach((entry, index) => {
        const key = entry.key.toLowerCase();
        map.set(key, [
          ...new Set([
            ...(map.get(key) ?? []),
            statement.conditions.find((text) => text.startsWith(`${entry.operator} ${entry.key} = `)) ?? `${entry.operator} ${entry.key}#${index}`,
          ]),
        ]);
      });
    }
    return map;
  };
  const old = byKey(previous);
  const now = byKey([current]);
  const lines: string[] = [];
  const removed: string[] = [];
  let onlyRemoved = true;
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const before = old.get(key) ?? [];
    const after = now.get(key) ?? [];
    if (before.join('\n') === after.join('\n')) continue;
    if (after.length === 0) {
      removed.push(...before);
      lines.push(`${before.join(' or ')} removed`);
      continue;
    }
    onlyRemoved = false;
    if (before.length === 0) lines.push(`${after.join(' and ')} added`);
    else if (before.length === 1 && after.length === 1 && sameOperatorAndKey(before[0], after[0]))
      lines.push(`${before[0]} -> ${after[0].slice(after[0].indexOf(' = ') + 3)}`);
    else lines.push(`${before.join(' or ')} -> ${after.join(' and ')}`);
  }
  return { text: listed(lines, 3) || 'the same conditions under another policy Version', removed, onlyRemoved: onlyRemoved && removed.length > 0 };
}

function sameOperatorAndKey(a: string, b: string): boolean {
  return a.slice(0, a.indexOf(' = ')) === b.slice(0, b.indexOf(' = '));
}
