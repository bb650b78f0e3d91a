/**
 * One resource change (or drift entry) as the rules read it, with its IAM diff worked out once and
 * shared. Values Terraform marks sensitive are masked here, before any rule sees them.
 */
import { sameValue } from '../drift/normalise';
import { diffAttachments, diffPolicyDocuments, type AttachmentDiff, type DocumentDiff } from '../iam/diff';
import { formatPath } from '../input/paths';
import { hasMark, markedLocations, maskSensitive, valueAt } from '../input/sensitive';
import { sensitiveValuePaths } from '../input/state';
import { isObject, type ChangeAction, type JsonObject, type ResourceChangeJson } from '../input/terraform-json';

// Shared by the many changes that have none (a big plan has tens of thousands of views): read only, like all a view exposes.
const NO_PATHS: ReadonlySet<string> = new Set();
const NO_REPLACE_PATHS: ReadonlyArray<ReadonlyArray<string | number>> = [];
const NO_DIFFS: readonly DocumentDiff[] = [];

export class ChangeView {
  readonly address: string;
  /** Where the resource was before a `moved` block or `terraform state mv` put it at `address`. */
  readonly previousAddress: string | undefined;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  readonly actions: readonly ChangeAction[];
  /** Values before and after, each value Terraform marks sensitive (on either side) replaced by `(sensitive)`. */
  readonly before: JsonObject | undefined;
  readonly after: JsonObject | undefined;
  readonly afterUnknown: JsonObject | undefined;
  readonly actionReason: string | undefined;
  readonly replacePaths: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Paths Terraform marks sensitive before or after (`password`, `environment[0].variables`), formatted with formatPath. */
  readonly sensitivePaths: ReadonlySet<string>;
  /**
   * The sensitive paths whose values differ between before and after: masked, both sides read
   * `(sensitive)`, and this is all that is left to tell that such a value changed.
   */
  readonly sensitiveChanges: ReadonlySet<string>;
  private policyDiffCache: readonly DocumentDiff[] | undefined;
  /** null: worked out, and there are none. */
  private attachmentCache: AttachmentDiff | null | undefined;

  constructor(raw: ResourceChangeJson) {
    this.address = raw.deposed ? `${raw.address} (deposed ${raw.deposed})` : raw.address;
    this.previousAddress = typeof raw.previous_address === 'string' && raw.previous_address !== raw.address ? raw.previous_address : undefined;
    this.type = raw.type;
    this.mode = raw.mode === 'data' ? 'data' : 'managed';
    this.actions = raw.change.actions;
    const { before, after } = raw.change;
    // Both sides' marks on both sides: a value that turns sensitive is as secret in its old version.
    const marks = [raw.change.before_sensitive, raw.change.after_sensitive];
    // Most changes mark nothing (`{ "tags_all": {} }`): their values are read as they are, with no copy and no walk.
    const marked = hasMark(marks[0]) || hasMark(marks[1]);
    this.before = isObject(before) ? (marked ? maskSensitive(before, marks) : before) : undefined;
    this.after = isObject(after) ? (marked ? maskSensitive(after, marks) : after) : undefined;
    this.afterUnknown = isObject(raw.change.after_unknown) ? raw.change.after_unknown : undefined;
    this.actionReason = raw.action_reason;
    this.replacePaths = Array.isArray(raw.change.replace_paths) ? raw.change.replace_paths : NO_REPLACE_PATHS;
    this.sensitivePaths = marked ? new Set([...sensitiveValuePaths(marks[0]), ...sensitiveValuePaths(marks[1])]) : NO_PATHS;
    this.sensitiveChanges = this.sensitivePaths.size > 0 && isObject(before) && isObject(after) ? changedSensitivePaths(before, after, marks) : NO_PATHS;
  }

  get isManaged(): boolean {
    return this.mode === 'managed';
  }

  /** Destroyed and created again, in either order. */
  get isReplace(): boolean {
    return this.actions.includes('delete') && this.actions.includes('create');
  }

  get isDelete(): boolean {
    return this.actions.includes('delete') && !this.actions.includes('create');
  }

  get isCreate(): boolean {
    return this.actions.includes('create') && !this.actions.includes('delete');
  }

  get isUpdate(): boolean {
    return this.actions.includes('update');
  }

  /** Removed from state without being destroyed (a `removed` block with `destroy = false`). */
  get isForget(): boolean {
    return this.actions.includes('forget');
  }

  /** The object exists after apply with values that may differ: create, update or replace. */
  get writes(): boolean {
    return this.actions.includes('create') || this.actions.includes('update');
  }

  get policyDiffs(): readonly DocumentDiff[] {
    if (this.policyDiffCache === undefined) {
      const diffs = this.isManaged ? diffPolicyDocuments(this.type, this.before, this.after) : NO_DIFFS;
      this.policyDiffCache = diffs.length > 0 ? diffs : NO_DIFFS;
    }
    return this.policyDiffCache;
  }

  get attachments(): AttachmentDiff | undefined {
    if (this.attachmentCache === undefined) this.attachmentCache = (this.isManaged ? diffAttachments(this.type, this.before, this.after) : undefined) ?? null;
    return this.attachmentCache ?? undefined;
  }
}

function changedSensitivePaths(before: JsonObject, after: JsonObject, marks: readonly unknown[]): Set<string> {
  const changed = new Set<string>();
  for (const steps of marks.flatMap(markedLocations)) {
    if (!sameValue(valueAt(before, steps), valueAt(after, steps))) changed.add(formatPath(steps));
  }
  return changed;
}
