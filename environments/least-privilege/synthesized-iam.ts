/**
 * The IAM of the synthesized stacks, read back from cdktf's JSON so the least-privilege tables
 * simulate exactly what Terraform would create: every aws_iam_role with its trust policy, its
 * permission boundary (the aws_iam_policy a stack of the environment defines under that ARN), its
 * inline policies (aws_iam_role_policy) and attached managed policies (aws_iam_role_policy_attachment,
 * AWS-managed ones from the vendored copies), plus the resource policies (bucket, key, topic,
 * trust) a request meets.
 *
 * Terraform references (`${aws_kms_key.X.arn}`) are resolved to deterministic fake values shaped
 * like the real ones (`arn:aws:kms:<region>:<account>:key/<uuid from the address>`, secrets with a
 * six-character suffix, buckets and log groups by their configured names); an expression this
 * module cannot resolve throws rather than being guessed. No test-only AGPL code is imported here.
 */
import { partitionOf, type EnvironmentConfig } from '@llm/config';
import type { PolicyDocument } from '@llm/constructs/iam';
import { addEnvironmentStacks } from '@llm/stacks';
import { Testing } from 'cdktf';
import { createHash } from 'node:crypto';
import { awsManagedPolicy } from './aws-managed-policies';

type Attributes = Record<string, unknown>;

interface TerraformJson {
  readonly provider?: { readonly aws?: ReadonlyArray<{ readonly region?: string; readonly alias?: string }> };
  readonly resource?: Record<string, Record<string, Attributes>>;
  readonly data?: Record<string, Record<string, Attributes>>;
  readonly output?: Record<string, { readonly value: unknown }>;
}

export interface SynthesizedStack {
  readonly env: EnvironmentConfig;
  readonly name: string;
  /** Region of the stack's default AWS provider. */
  readonly region: string;
  readonly json: TerraformJson;
}

/** What a role is for, from what uses it in the synthesized configuration. */
export type RoleKind = 'pipeline-function' | 'janitor-function' | 'worker-instance' | 'vpc-flow-logs' | 'image-build' | 'ci-plan' | 'ci-deploy';

export interface NamedPolicy {
  /** Unique per role: `inline:<policy name>` or `managed:<policy ARN>`. */
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface SynthesizedRole {
  readonly env: EnvironmentConfig;
  readonly stack: SynthesizedStack;
  /** Terraform address, `aws_iam_role.<id>`. */
  readonly address: string;
  readonly name: string;
  readonly arn: string;
  readonly kind: RoleKind | undefined;
  /** The resource that makes this role what it is (the function, the flow log, the stack output). */
  readonly usedBy: string | undefined;
  readonly trustPolicy: PolicyDocument;
  readonly identityPolicies: readonly NamedPolicy[];
  /** ARN named in permissions_boundary, if any. */
  readonly boundaryArn: string | undefined;
  /** The boundary's document, from the stack of the environment that defines it. */
  readonly boundary: PolicyDocument | undefined;
}

export interface ProjectIam {
  readonly stacks: readonly SynthesizedStack[];
  readonly roles: readonly SynthesizedRole[];
  /** The roles of one kind, in synthesis order. */
  rolesOfKind(kind: RoleKind): SynthesizedRole[];
  /** A Terraform string with every reference replaced by its fake value. */
  resolve(stack: SynthesizedStack, value: string, where?: string): string;
  /** The resource policy AWS would evaluate for a request on this ARN (bucket policy for objects too). */
  resourcePolicyFor(arn: string): PolicyDocument | undefined;
  /** The managed policies (customer-managed, by ARN) the stacks define. */
  readonly customerManagedPolicies: ReadonlyMap<string, PolicyDocument>;
  /** The region of a bucket the stacks create (S3 ARNs name none). */
  bucketRegion(bucketName: string): string | undefined;
}

/** Synthesizes every stack of the given environments in offline mode and reads their IAM. */
export function synthesizeProjectIam(envs: readonly EnvironmentConfig[]): ProjectIam {
  const app = Testing.app();
  const stacks: SynthesizedStack[] = envs.flatMap((env) =>
    addEnvironmentStacks(app, env, 'offline').map((stack) => {
      const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
      const region = json.provider?.aws?.find((provider) => !provider.alias)?.region;
      if (!region) throw new Error(`Stack ${stack.node.id} has no default AWS provider region`);
      return { env, name: stack.node.id, region, json };
    }),
  );
  return new ProjectIamModel(stacks);
}

class ProjectIamModel implements ProjectIam {
  readonly roles: SynthesizedRole[];
  readonly customerManagedPolicies = new Map<string, PolicyDocument>();
  private readonly resourcePolicies = new Map<string, PolicyDocument>();
  private readonly bucketRegions = new Map<string, string>();

  constructor(readonly stacks: readonly SynthesizedStack[]) {
    for (const stack of stacks) this.indexPolicies(stack);
    this.roles = stacks.flatMap((stack) => this.readRoles(stack));
  }

  rolesOfKind(kind: RoleKind): SynthesizedRole[] {
    return this.roles.filter((role) => role.kind === kind);
  }

  resolve(stack: SynthesizedStack, value: string, where = stack.name): string {
    return value.replace(/\$\{([^}]*)\}/g, (token: string, expression: string) => {
      const reference = /^(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(expression);
      if (!reference) {
        throw new Error(`Cannot resolve the Terraform expression ${token} in ${where}: only references to resource attributes are supported`);
      }
      const [, type, id, attribute] = reference;
      return fakeAttribute(stack, type, id, attribute, `${where} (${token})`);
    });
  }

  bucketRegion(bucketName: string): string | undefined {
    return this.bucketRegions.get(bucketName);
  }

  resourcePolicyFor(arn: string): PolicyDocument | undefined {
    const s3Object = /^(arn:[^:]+:s3:::[^/]+)\/.+$/.exec(arn);
    return this.resourcePolicies.get(arn) ?? (s3Object ? this.resourcePolicies.get(s3Object[1]) : undefined);
  }

  private document(stack: SynthesizedStack, value: unknown, where: string): PolicyDocument {
    if (typeof value !== 'string') throw new Error(`${where}: policy is not a JSON string (${JSON.stringify(value)})`);
    const resolved = this.resolve(stack, value, where);
    return JSON.parse(resolved) as PolicyDocument;
  }

  private indexPolicies(stack: SynthesizedStack): void {
    const { resource = {} } = stack.json;
    const partition = partitionOf(stack.region);
    for (const [id, policy] of Object.entries(resource.aws_iam_policy ?? {})) {
      const path = typeof policy.path === 'string' ? policy.path : '/';
      const arn = `arn:${partition}:iam::${stack.env.accountId}:policy${path}${stringAttribute(policy, 'name', `aws_iam_policy.${id}`)}`;
      this.customerManagedPolicies.set(arn, this.document(stack, policy.policy, `${stack.name} aws_iam_policy.${id}`));
    }
    for (const [id, bucket] of Object.entries(resource.aws_s3_bucket ?? {})) {
      this.bucketRegions.set(fakeAttribute(stack, 'aws_s3_bucket', id, 'bucket', stack.name), regionOf(stack, bucket));
    }
    for (const [id, policy] of Object.entries(resource.aws_s3_bucket_policy ?? {})) {
      const bucket = this.resolve(stack, stringAttribute(policy, 'bucket', `aws_s3_bucket_policy.${id}`));
      this.resourcePolicies.set(`arn:${partition}:s3:::${bucket}`, this.document(stack, policy.policy, `${stack.name} aws_s3_bucket_policy.${id}`));
    }
    for (const [id, key] of Object.entries(resource.aws_kms_key ?? {})) {
      if (key.policy === undefined) continue;
      const arn = fakeAttribute(stack, 'aws_kms_key', id, 'arn', stack.name);
      this.resourcePolicies.set(arn, this.document(stack, key.policy, `${stack.name} aws_kms_key.${id}`));
    }
    for (const [id, policy] of Object.entries(resource.aws_sns_topic_policy ?? {})) {
      const arn = this.resolve(stack, stringAttribute(policy, 'arn', `aws_sns_topic_policy.${id}`));
      this.resourcePolicies.set(arn, this.document(stack, policy.policy, `${stack.name} aws_sns_topic_policy.${id}`));
    }
    for (const [id, policy] of Object.entries(resource.aws_secretsmanager_secret_policy ?? {})) {
      const arn = this.resolve(stack, stringAttribute(policy, 'secret_arn', `aws_secretsmanager_secret_policy.${id}`));
      this.resourcePolicies.set(arn, this.document(stack, policy.policy, `${stack.name} aws_secretsmanager_secret_policy.${id}`));
    }
    for (const type of ['aws_iam_policy_attachment', 'aws_iam_role_policies_exclusive', 'aws_iam_role_policy_attachments_exclusive']) {
      if (resource[type]) throw new Error(`${stack.name} uses ${type}, which the least-privilege model does not read yet: teach synthesized-iam.ts`);
    }
  }

  private readRoles(stack: SynthesizedStack): SynthesizedRole[] {
    const { resource = {}, output = {} } = stack.json;
    return Object.entries(resource.aws_iam_role ?? {}).map(([id, role]) => {
      const address = `aws_iam_role.${id}`;
      const where = `${stack.name} ${address}`;
      const name = fakeAttribute(stack, 'aws_iam_role', id, 'name', where);
      const arn = fakeAttribute(stack, 'aws_iam_role', id, 'arn', where);
      const refersToRole = (value: unknown) => typeof value === 'string' && [name, arn].includes(this.resolve(stack, value, where));

      const identityPolicies: NamedPolicy[] = [];
      for (const [policyId, policy] of Object.entries(resource.aws_iam_role_policy ?? {})) {
        if (!refersToRole(policy.role)) continue;
        const policyName = stringAttribute(policy, 'name', `aws_iam_role_policy.${policyId}`);
        identityPolicies.push({ name: `inline:${policyName}`, document: this.document(stack, policy.policy, `${stack.name} aws_iam_role_policy.${policyId}`) });
      }
      for (const inline of asArray(role.inline_policy)) {
        const block = inline as Attributes;
        identityPolicies.push({ name: `inline:${String(block.name)}`, document: this.document(stack, block.policy, `${where} inline_policy`) });
      }
      const attached = [
        ...Object.values(resource.aws_iam_role_policy_attachment ?? {})
          .filter((attachment) => refersToRole(attachment.role))
          .map((attachment) => this.resolve(stack, String(attachment.policy_arn), where)),
        ...asArray(role.managed_policy_arns).map((policyArn) => this.resolve(stack, String(policyArn), where)),
      ];
      for (const policyArn of attached) {
        const document = this.customerManagedPolicies.get(policyArn) ?? awsManagedPolicy(policyArn).document;
        identityPolicies.push({ name: `managed:${policyArn}`, document });
      }

      const boundaryArn = typeof role.permissions_boundary === 'string' ? this.resolve(stack, role.permissions_boundary, where) : undefined;
      const boundary = boundaryArn === undefined ? undefined : this.boundaryOf(stack.env, boundaryArn, where);
      const { kind, usedBy } = this.classify(stack, resource, output, name, arn, where);
      return {
        env: stack.env,
        stack,
        address,
        name,
        arn,
        kind,
        usedBy,
        trustPolicy: this.document(stack, role.assume_role_policy, `${where} assume_role_policy`),
        identityPolicies,
        boundaryArn,
        boundary,
      };
    });
  }

  /** The boundary is defined once per environment (in `<env>-global`); roles elsewhere name its ARN. */
  private boundaryOf(env: EnvironmentConfig, boundaryArn: string, where: string): PolicyDocument {
    const ownAccount = boundaryArn.split(':')[4] === env.accountId;
    const document = ownAccount ? this.customerManagedPolicies.get(boundaryArn) : undefined;
    if (!document) {
      throw new Error(`${where} carries permission boundary ${boundaryArn}, which no stack of environment ${env.name} defines`);
    }
    return document;
  }

  private classify(
    stack: SynthesizedStack,
    resource: Record<string, Record<string, Attributes>>,
    output: Record<string, { readonly value: unknown }>,
    name: string,
    arn: string,
    where: string,
  ): { kind: RoleKind | undefined; usedBy: string | undefined } {
    const matches = (value: unknown) => typeof value === 'string' && [name, arn].includes(this.resolve(stack, value, where));
    const fn = Object.entries(resource.aws_lambda_function ?? {}).find(([, attributes]) => matches(attributes.role));
    // The janitor is the function that reads WORKER_MAX_HOURS; every other function is the pipeline.
    const janitor = (fn?.[1].environment as { variables?: Record<string, unknown> } | undefined)?.variables?.WORKER_MAX_HOURS !== undefined;
    if (fn) return { kind: janitor ? 'janitor-function' : 'pipeline-function', usedBy: `aws_lambda_function.${fn[0]}` };
    const profile = Object.entries(resource.aws_iam_instance_profile ?? {}).find(([, attributes]) => matches(attributes.role));
    if (profile) return { kind: 'worker-instance', usedBy: `aws_iam_instance_profile.${profile[0]}` };
    const flowLog = Object.entries(resource.aws_flow_log ?? {}).find(([, attributes]) => matches(attributes.iam_role_arn));
    if (flowLog) return { kind: 'vpc-flow-logs', usedBy: `aws_flow_log.${flowLog[0]}` };
    const build = Object.entries(resource.aws_codebuild_project ?? {}).find(([, attributes]) => matches(attributes.service_role));
    if (build) return { kind: 'image-build', usedBy: `aws_codebuild_project.${build[0]}` };
    // The CodeBuild project exists only once its GitHub connection is available; its role exists before.
    const role = Object.entries(resource.aws_iam_role ?? {}).find(([id]) => fakeAttribute(stack, 'aws_iam_role', id, 'arn', where) === arn)?.[1];
    if (role && trustedServices(this.document(stack, role.assume_role_policy, where)).includes('codebuild.amazonaws.com')) {
      return { kind: 'image-build', usedBy: undefined };
    }
    if (matches(output.ci_plan_role_arn?.value)) return { kind: 'ci-plan', usedBy: 'output.ci_plan_role_arn' };
    if (matches(output.ci_deploy_role_arn?.value)) return { kind: 'ci-deploy', usedBy: 'output.ci_deploy_role_arn' };
    return { kind: undefined, usedBy: undefined };
  }
}

/** A resource's configuration in a stack; throws if the stack does not declare it. */
export function resourceOf(stack: SynthesizedStack, type: string, id: string, where = stack.name): Attributes {
  const attributes = stack.json.resource?.[type]?.[id];
  if (!attributes) throw new Error(`${where}: ${stack.name} declares no ${type}.${id}`);
  return attributes;
}

/** The Terraform address (`type.id`) a `${type.id.attribute}` reference points at. */
export function referencedAddress(value: unknown): { type: string; id: string } | undefined {
  const match = typeof value === 'string' ? /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value) : null;
  return match ? { type: match[1], id: match[2] } : undefined;
}

/** The service principals a trust policy names. */
function trustedServices(trust: PolicyDocument): string[] {
  return trust.Statement.flatMap((statement) => {
    const principal = statement.Principal;
    if (!principal || principal === '*') return [];
    const services = principal.Service;
    return services === undefined ? [] : typeof services === 'string' ? [services] : [...services];
  });
}

function regionOf(stack: SynthesizedStack, attributes: Attributes): string {
  if (typeof attributes.provider !== 'string') return stack.region;
  const alias = attributes.provider.replace(/^aws\./, '');
  const region = stack.json.provider?.aws?.find((provider) => provider.alias === alias)?.region;
  if (!region) throw new Error(`${stack.name}: provider ${attributes.provider} has no region`);
  return region;
}

function stringAttribute(attributes: Attributes, key: string, where: string): string {
  const value = attributes[key];
  if (typeof value !== 'string') throw new Error(`${where}.${key} is not a string (${JSON.stringify(value)})`);
  return value;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** A UUID-shaped id derived from the resource's address, the same on every run. */
export function fakeUuid(seed: string): string {
  const hex = digest(seed).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Secrets Manager appends `-` and six random letters or digits to a secret's name in its ARN. */
export function fakeSecretSuffix(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...digest(`secret-suffix:${seed}`).subarray(0, 6)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * The fake value of one attribute of a synthesized resource. Only the types and attributes the
 * stacks' IAM references are known; anything else throws, so a new reference is noticed rather
 * than silently faked.
 */
function fakeAttribute(stack: SynthesizedStack, type: string, id: string, attribute: string, where: string): string {
  const attributes = resourceOf(stack, type, id, where);
  const region = regionOf(stack, attributes);
  const partition = partitionOf(region);
  const account = stack.env.accountId;
  const seed = `${stack.name}/${type}.${id}`;
  const named = (key: string) => {
    const value = attributes[key];
    if (typeof value !== 'string' || value.includes('${')) {
      throw new Error(`${where}: ${type}.${id}.${key} is not a literal (${JSON.stringify(value)}), so no fake ARN can be derived from it`);
    }
    return value;
  };
  const values: Record<string, () => Record<string, string>> = {
    aws_kms_key: () => {
      const keyId = fakeUuid(seed);
      return { arn: `arn:${partition}:kms:${region}:${account}:key/${keyId}`, key_id: keyId, id: keyId };
    },
    aws_secretsmanager_secret: () => {
      const arn = `arn:${partition}:secretsmanager:${region}:${account}:secret:${named('name')}-${fakeSecretSuffix(seed)}`;
      return { arn, id: arn, name: named('name') };
    },
    aws_s3_bucket: () => ({ arn: `arn:${partition}:s3:::${named('bucket')}`, id: named('bucket'), bucket: named('bucket') }),
    aws_cloudwatch_log_group: () => ({ arn: `arn:${partition}:logs:${region}:${account}:log-group:${named('name')}`, id: named('name'), name: named('name') }),
    aws_iam_role: () => ({
      arn: `arn:${partition}:iam::${account}:role${typeof attributes.path === 'string' ? attributes.path : '/'}${named('name')}`,
      id: named('name'),
      name: named('name'),
    }),
    aws_iam_policy: () => {
      const arn = `arn:${partition}:iam::${account}:policy${typeof attributes.path === 'string' ? attributes.path : '/'}${named('name')}`;
      return { arn, id: arn, name: named('name') };
    },
    aws_sns_topic: () => {
      const arn = `arn:${partition}:sns:${region}:${account}:${named('name')}`;
      return { arn, id: arn, name: named('name') };
    },
    aws_ecr_repository: () => ({
      arn: `arn:${partition}:ecr:${region}:${account}:repository/${named('name')}`,
      name: named('name'),
      id: named('name'),
      repository_url: `${account}.dkr.ecr.${region}.amazonaws.com/${named('name')}`,
    }),
    aws_codeconnections_connection: () => {
      const arn = `arn:${partition}:codeconnections:${region}:${account}:connection/${fakeUuid(seed)}`;
      return { arn, id: arn, name: named('name') };
    },
    aws_codestarconnections_connection: () => {
      const arn = `arn:${partition}:codestar-connections:${region}:${account}:connection/${fakeUuid(seed)}`;
      return { arn, id: arn, name: named('name') };
    },
    aws_ssm_parameter: () => {
      const name = named('name');
      return { arn: `arn:${partition}:ssm:${region}:${account}:parameter${name.startsWith('/') ? '' : '/'}${name}`, id: name, name };
    },
    aws_codebuild_project: () => ({
      arn: `arn:${partition}:codebuild:${region}:${account}:project/${named('name')}`,
      id: named('name'),
      name: named('name'),
    }),
    aws_lambda_function: () => ({
      arn: `arn:${partition}:lambda:${region}:${account}:function:${named('function_name')}`,
      function_name: named('function_name'),
      id: named('function_name'),
    }),
  };
  const value = values[type]?.()[attribute];
  if (value === undefined) {
    throw new Error(`${where}: no fake value for ${type}.${id}.${attribute}; add the type or attribute to fakeAttribute in synthesized-iam.ts`);
  }
  return value;
}
