/**
 * A read-only view of one stack's synthesized resources for the rules: each resource's attributes
 * exactly as they will be written to cdk.tf.json (overrides and lazy values included), resolved on
 * first use only, so that the pack resolves just the resources some rule reads.
 */
import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformProvider, TerraformResource, Tokenization, type TerraformStack } from 'cdktf';

/** One synthesized block: attribute names in snake_case, references as `${type.name.attribute}`. */
export type Block = Readonly<Record<string, unknown>>;

const RESOLVER = new DefaultTokenResolver(new StringConcat());

export interface ResourceView {
  /** `aws_s3_bucket` */
  readonly type: string;
  /** The logical id in cdk.tf.json, e.g. `OutputBucket_Bucket_1A2B3C4D`. */
  readonly name: string;
  /** `aws_s3_bucket.OutputBucket_Bucket_1A2B3C4D`, as in plans. */
  readonly address: string;
  /** Construct path, e.g. `prod-eu-west-1/OutputBucket/Bucket`. */
  readonly path: string;
  /** Whether the resource type has a `tags` argument. */
  readonly taggable: boolean;
  /** The synthesized attributes (resolved on first read). */
  readonly config: Block;
}

export interface StackView {
  readonly name: string;
  /** Whether production-only rules apply (see setGuardrailContext). */
  readonly production: boolean;
  resourcesOfType(type: string): readonly ResourceView[];
  dataSourcesOfType(type: string): readonly ResourceView[];
  /** The merged `default_tags` of the provider that manages the resource. */
  defaultTagsOf(resource: ResourceView): Readonly<Record<string, unknown>>;
}

class LazyResourceView implements ResourceView {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly path: string;
  readonly taggable: boolean;
  private resolved?: Block;

  constructor(
    private readonly stack: TerraformStack,
    readonly element: TerraformResource | TerraformDataSource,
    private readonly section: 'resource' | 'data',
  ) {
    this.type = element.terraformResourceType;
    this.name = element.friendlyUniqueId;
    this.address = section === 'data' ? `data.${this.type}.${this.name}` : `${this.type}.${this.name}`;
    this.path = element.node.path;
    // Generated provider classes have a `tagsInput` getter exactly when the type has `tags`.
    this.taggable = 'tagsInput' in element;
  }

  get config(): Block {
    if (!this.resolved) {
      const synthesized = this.element.toTerraform() as Record<string, Record<string, Record<string, Record<string, unknown>>> | undefined>;
      this.resolved = lazyBlock(this.stack, synthesized[this.section]?.[this.type]?.[this.name] ?? {});
    }
    return this.resolved;
  }
}

/**
 * The block with each top-level attribute resolved on first read: a rule that reads `bucket` of a
 * sibling does not pay for resolving its policy. Resolution is structural, so an attribute
 * resolved alone equals the same attribute in the stack's cdk.tf.json.
 */
function lazyBlock(stack: TerraformStack, attributes: Record<string, unknown>): Block {
  const block: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (key === '//') continue;
    let resolved: unknown;
    let done = false;
    Object.defineProperty(block, key, {
      enumerable: true,
      get: () => {
        if (!done) {
          resolved = Tokenization.resolve(value, { scope: stack, resolver: RESOLVER });
          done = true;
        }
        return resolved;
      },
    });
  }
  return block;
}

/** Built once per stack, when the guardrail aspect first visits it; a walk of the tree, no resolution. */
export class SynthesizedStackView implements StackView {
  readonly name: string;
  private readonly resources = new Map<string, LazyResourceView[]>();
  private readonly dataSources = new Map<string, LazyResourceView[]>();
  private readonly views = new Map<TerraformResource, LazyResourceView>();
  private readonly providers: TerraformProvider[] = [];
  private readonly providerTags = new Map<TerraformProvider, Record<string, unknown>>();

  constructor(
    private readonly stack: TerraformStack,
    readonly production: boolean,
  ) {
    this.name = stack.node.id;
    for (const construct of stack.node.findAll()) {
      if (construct instanceof TerraformResource) {
        const view = new LazyResourceView(stack, construct, 'resource');
        this.views.set(construct, view);
        push(this.resources, view.type, view);
      } else if (construct instanceof TerraformDataSource) {
        push(this.dataSources, construct.terraformResourceType, new LazyResourceView(stack, construct, 'data'));
      } else if (construct instanceof TerraformProvider) {
        this.providers.push(construct);
      }
    }
  }

  /** The view of a resource of this stack, or undefined for one added after the view was built. */
  viewOf(resource: TerraformResource): ResourceView | undefined {
    return this.views.get(resource);
  }

  resourcesOfType(type: string): readonly ResourceView[] {
    return this.resources.get(type) ?? [];
  }

  dataSourcesOfType(type: string): readonly ResourceView[] {
    return this.dataSources.get(type) ?? [];
  }

  defaultTagsOf(resource: ResourceView): Readonly<Record<string, unknown>> {
    const element = (resource as LazyResourceView).element as TerraformResource;
    const providerName = element.terraformGeneratorMetadata?.providerName;
    const provider = element.provider ?? this.providers.find((candidate) => candidate.terraformResourceType === providerName && candidate.alias === undefined);
    if (!provider) return {};
    let tags = this.providerTags.get(provider);
    if (!tags) {
      const synthesized = provider.toTerraform() as { provider?: Record<string, Record<string, unknown>[]> };
      const config = lazyBlock(this.stack, synthesized.provider?.[provider.terraformResourceType]?.[0] ?? {});
      tags = Object.assign({}, ...blocksOf(config.default_tags).map((block) => (isRecord(block.tags) ? block.tags : {}))) as Record<string, unknown>;
      this.providerTags.set(provider, tags);
    }
    return tags;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested blocks synthesize as an object or a list of objects (Terraform JSON accepts both). */
export function blocksOf(value: unknown): Block[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** The first (usually the only) block of a nested block attribute. */
export function blockOf(value: unknown): Block | undefined {
  return blocksOf(value)[0];
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Terraform JSON accepts `true` and `"true"` alike. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a value (any string in it) holds a Terraform reference to `target` (`${aws_s3_bucket.X.id}`, `aws_s3_bucket.X.arn`). */
export function referencesResource(value: unknown, target: ResourceView): boolean {
  const prefix = target.address.startsWith('data.') ? '' : '(?<![\\w.])';
  const pattern = new RegExp(`${prefix}${escapeRegExp(target.address)}\\.`);
  return stringsIn(value).some((text) => pattern.test(text));
}

/** Whether `value` names `target` by reference or by one of its literal identifiers (a bucket or function name). */
export function pointsAt(value: unknown, target: ResourceView, literalNames: readonly unknown[]): boolean {
  if (referencesResource(value, target)) return true;
  const names = literalNames.filter((name): name is string => typeof name === 'string' && name !== '' && !name.includes('${'));
  return stringsIn(value).some((text) => names.includes(text));
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isRecord(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}
