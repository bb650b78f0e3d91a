/** The parts of Terraform's JSON formats the review reads: `terraform show -json` of a plan or a state, and raw state files (v4). */

export type ChangeAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export type JsonObject = Record<string, unknown>;

export interface ChangeJson {
  readonly actions: readonly ChangeAction[];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  /** Attribute paths that force a replacement, e.g. `[["bucket"]]`. */
  readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
}

export interface ResourceChangeJson {
  readonly address: string;
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly name?: string;
  readonly deposed?: string;
  readonly change: ChangeJson;
  /** e.g. `replace_because_cannot_update`, `delete_because_no_resource_config`. */
  readonly action_reason?: string;
}

export interface OutputChangeJson {
  readonly actions: readonly ChangeAction[];
}

export interface ConfigResourceJson {
  readonly address: string;
  readonly mode?: 'managed' | 'data';
  readonly type?: string;
  readonly expressions?: unknown;
}

export interface ConfigModuleJson {
  readonly resources?: readonly ConfigResourceJson[];
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModuleJson }>>;
}

export interface StateResourceJson {
  readonly address: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly name?: string;
  readonly values?: JsonObject;
  readonly sensitive_values?: unknown;
}

export interface StateModuleJson {
  readonly address?: string;
  readonly resources?: readonly StateResourceJson[];
  readonly child_modules?: readonly StateModuleJson[];
}

/** `terraform show -json` of a state (and a plan's `prior_state`). */
export interface StateJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly values?: {
    readonly outputs?: Readonly<Record<string, unknown>>;
    readonly root_module?: StateModuleJson;
  };
}

/** `terraform show -json <planfile>`, format 1.x. */
export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChangeJson[];
  readonly resource_drift?: readonly ResourceChangeJson[];
  readonly output_changes?: Readonly<Record<string, OutputChangeJson>>;
  readonly prior_state?: StateJson;
  readonly configuration?: { readonly root_module?: ConfigModuleJson };
  readonly errored?: boolean;
}

export interface RawStateInstanceJson {
  readonly index_key?: string | number;
  readonly deposed?: string;
  readonly attributes?: JsonObject;
  /** Paths Terraform marks sensitive: `[[{ "type": "get_attr", "value": "password" }]]`. */
  readonly sensitive_attributes?: unknown;
}

export interface RawStateResourceJson {
  readonly module?: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly instances?: readonly RawStateInstanceJson[];
}

/** A state file as Terraform writes it (`terraform.tfstate`, `terraform state pull`), version 4. */
export interface RawStateJson {
  readonly version: number;
  readonly terraform_version?: string;
  readonly serial?: number;
  readonly lineage?: string;
  readonly resources?: readonly RawStateResourceJson[];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
