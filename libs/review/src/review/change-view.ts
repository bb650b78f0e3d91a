/** One resource change (or drift entry) as the rules read it, with its IAM diff worked out once and shared. */
import { diffAttachments, diffPolicyDocuments, type AttachmentDiff, type DocumentDiff } from '../iam/diff';
import { sensitiveValuePaths } from '../input/state';
import { isObject, type ChangeAction, type JsonObject, type ResourceChangeJson } from '../input/terraform-json';

export class ChangeView {
  readonly address: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  readonly actions: readonly ChangeAction[];
  readonly before: JsonObject | undefined;
  readonly after: JsonObject | undefined;
  readonly afterUnknown: JsonObject | undefined;
  readonly actionReason: string | undefined;
  readonly replacePaths: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Paths Terraform marks sensitive before or after (`password`, `environment[0].variables`), formatted with formatPath. */
  readonly sensitivePaths: ReadonlySet<string>;
  private policyDiffCache: DocumentDiff[] | undefined;
  private attachmentCache: { value: AttachmentDiff | undefined } | undefined;

  constructor(raw: ResourceChangeJson) {
    this.address = raw.deposed ? `${raw.address} (deposed ${raw.deposed})` : raw.address;
    this.type = raw.type;
    this.mode = raw.mode === 'data' ? 'data' : 'managed';
    this.actions = raw.change.actions;
    this.before = isObject(raw.change.before) ? raw.change.before : undefined;
    this.after = isObject(raw.change.after) ? raw.change.after : undefined;
    this.afterUnknown = isObject(raw.change.after_unknown) ? raw.change.after_unknown : undefined;
    this.actionReason = raw.action_reason;
    this.replacePaths = Array.isArray(raw.change.replace_paths) ? raw.change.replace_paths : [];
    this.sensitivePaths = new Set([...sensitiveValuePaths(raw.change.before_sensitive), ...sensitiveValuePaths(raw.change.after_sensitive)]);
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

  /** The object exists after apply with values that may differ: create, update or replace. */
  get writes(): boolean {
    return this.actions.includes('create') || this.actions.includes('update');
  }

  get policyDiffs(): readonly DocumentDiff[] {
    this.policyDiffCache ??= this.isManaged ? diffPolicyDocuments(this.type, this.before, this.after) : [];
    return this.policyDiffCache;
  }

  get attachments(): AttachmentDiff | undefined {
    this.attachmentCache ??= { value: this.isManaged ? diffAttachments(this.type, this.before, this.after) : undefined };
    return this.attachmentCache.value;
  }
}
