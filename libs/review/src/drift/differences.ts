/**
 * What really differs between two versions of a resource's values, one line per attribute path
 * (`versioning_configuration[0].status Enabled -> Suspended`), after normalisation; values
 * Terraform marks sensitive are never shown.
 */
import { parsePolicy, type Statement } from '../iam/policy';
import { formatPath, type PathStep } from '../input/paths';
import { SENSITIVE_VALUE as SENSITIVE } from '../input/sensitive';
import { isObject, type JsonObject } from '../input/terraform-json';
import { listed } from '../text';
import { isUnset, matchEntries, sameValue } from './normalise';

export interface Difference {
  /** As Terraform writes it: `versioning_configuration[0].status`, `tags_all["Owner"]`. */
  readonly path: string;
  /** One line naming the path, and the values where they are short and not sensitive. */
  readonly text: string;
}

/** Longer values (policies, scripts, certificates) are named, not printed. */
const MAX_VALUE = 60;
const MAX_ENTRY = 160;

interface Location {
  /** Attribute names, map keys and indexes as Terraform's sensitive marks spell them. */
  readonly steps: ReadonlyArray<string | number>;
  /** The same path for display: map keys as `["key"]`. */
  readonly shown: readonly PathStep[];
}

/**
 * `before` and `after` come with sensitive values masked (review/change-view.ts): both read
 * `(sensitive)`, so `sensitiveChanges` names the sensitive paths whose real values differ.
 */
export function differences(
  before: JsonObject,
  after: JsonObject,
  sensitivePaths: ReadonlySet<string>,
  sensitiveChanges: ReadonlySet<string> = new Set(),
): Difference[] {
  const marks = [...sensitivePaths];
  const changedMarks = [...sensitiveChanges];
  const changedBelow = (steps: ReadonlyArray<string | number>) => {
    const prefix = formatPath(steps);
    return changedMarks.some((mark) => mark === prefix || mark.startsWith(`${prefix}.`) || mark.startsWith(`${prefix}[`));
  };
  const sensitiveAt = (steps: ReadonlyArray<string | number>) => steps.some((_, index) => sensitivePaths.has(formatPath(steps.slice(0, index + 1))));
  const sensitiveIn = (steps: ReadonlyArray<string | number>) => {
    const prefix = formatPath(steps);
    return sensitiveAt(steps) || marks.some((mark) => mark.startsWith(`${prefix}.`) || mark.startsWith(`${prefix}[`));
  };
  const found: Difference[] = [];
  const push = (at: Location, text: string): void => {
    found.push({ path: formatPath(at.shown), text });
  };

  const visit = (old: unknown, current: unknown, at: Location, keysAreAttributes: boolean): void => {
    if (sameValue(old, current) && !changedBelow(at.steps)) return;
    const path = formatPath(at.shown);
    if (sensitiveAt(at.steps)) return push(at, `${path} ${SENSITIVE} -> ${SENSITIVE}`);
    // An unset side is the empty version of the other: `tags` null -> {"x": "1"} adds one tag.
    if ((isObject(old) || isUnset(old)) && isObject(current)) return visitObject(isObject(old) ? old : {}, current, at, keysAreAttributes);
    if (isObject(old) && isUnset(current)) return visitObject(old, {}, at, keysAreAttributes);
    if ((Array.isArray(old) || isUnset(old)) && (Array.isArray(current) || isUnset(current))) {
      return visitList(Array.isArray(old) ? old : [], Array.isArray(current) ? current : [], at);
    }
    if (typeof old === 'string' && typeof current === 'string') {
      const statements = [parsePolicy(old), parsePolicy(current)];
      const changes = statements[0] && statements[1] ? statementChanges(statements[0], statements[1], path) : [];
      // A statement that is only repeated leaves no line of its own: the document is then named as changed.
      if (changes.length > 0) return changes.forEach((text) => push(at, text));
    }
    const shown = [short(old), short(current)];
    push(at, shown[0] !== undefined && shown[1] !== undefined ? `${path} ${shown[0]} -> ${shown[1]}` : `${path} changed`);
  };

  const visitObject = (old: JsonObject, current: JsonObject, at: Location, keysAreAttributes: boolean): void => {
    for (const key of [...new Set([...Object.keys(old), ...Object.keys(current)])].sort()) {
      // Below an attribute, an object is a map (tags): Terraform writes its keys as ["key"].
      visit(old[key], current[key], { steps: [...at.steps, key], shown: [...at.shown, keysAreAttributes ? key : { key }] }, false);
    }
  };

  const visitList = (old: readonly unknown[], current: readonly unknown[], at: Location): void => {
    // A block of one (versioning_configuration) is compared field by field, longer lists entry by entry.
    if (old.length === 1 && current.length === 1 && isObject(old[0]) && isObject(current[0])) {
      return visit(old[0], current[0], { steps: [...at.steps, 0], shown: [...at.shown, 0] }, true);
    }
    const path = formatPath(at.shown);
    const { added, removed } = matchEntries(old, current);
    const describe = (verb: string, entries: typeof added) => {
      for (const entry of entries) {
        const text = sensitiveIn([...at.steps, entry.index]) ? SENSITIVE : rendered(entry.value);
        push(at, text === undefined ? `${path}: 1 entry ${verb}` : `${path} ${verb} ${text}`);
      }
    };
    describe('removed', removed);
    describe('added', added);
    // Entries that differ only in masked values look alike: say that one of them changed.
    if (added.length === 0 && removed.length === 0 && changedBelow(at.steps)) push(at, `${path} ${SENSITIVE} -> ${SENSITIVE}`);
  };

  visitObject(before, after, { steps: [], shown: [] }, true);
  return found;
}

/** A value short enough for one line; `(none)` for an unset one. */
function short(value: unknown): string | undefined {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value === '' ? '""' : value.length <= MAX_VALUE && !value.includes('\n') ? value : undefined;
  return undefined;
}

/** A list entry in brief, `{cidr_blocks: [0.0.0.0/0], from_port: 22, protocol: tcp}`, leaving out unset fields. */
function rendered(value: unknown): string | undefined {
  const render = (node: unknown): string => {
    if (Array.isArray(node)) return `[${node.map(render).join(', ')}]`;
    if (isObject(node)) {
      const fields = Object.keys(node)
        .sort()
        .filter((key) => !isUnset(node[key]));
      return `{${fields.map((key) => `${key}: ${render(node[key])}`).join(', ')}}`;
    }
    return short(node) ?? '…';
  };
  const text = render(value);
  return text.length <= MAX_ENTRY ? text : undefined;
}

/** `policy: statement AddedByHand (Allow s3:* on *) added`, one line per statement added or removed. */
function statementChanges(old: readonly Statement[], current: readonly Statement[], path: string): string[] {
  const oldKeys = new Set(old.map((statement) => statement.key));
  const currentKeys = new Set(current.map((statement) => statement.key));
  const describe = (statement: Statement) => {
    const actions = [...statement.actions, ...statement.notActions.map((action) => `all but ${action}`)];
    const grant = `${statement.effect} ${listed(actions, 2)}${statement.resources.length > 0 ? ` on ${listed(statement.resources, 1)}` : ''}`;
    return statement.sid ? `${statement.sid} (${grant})` : `(${grant})`;
  };
  return [
    ...old.filter((statement) => !currentKeys.has(statement.key)).map((statement) => `${path}: statement ${describe(statement)} removed`),
    ...current.filter((statement) => !oldKeys.has(statement.key)).map((statement) => `${path}: statement ${describe(statement)} added`),
  ];
}
