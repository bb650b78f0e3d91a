/** Checks of ImagePipeline's props, run in its constructor; each skips values that are unresolved tokens. */
import { deploymentContextOf, isKnownRegion, LOG_RETENTION_DAYS } from '@llm/config';
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { BUILD_ARCHITECTURES, BUILD_COMPUTE_TYPES } from './build-environment';
import { IMAGE_DIGEST_PATTERN } from './digest-parameter';
import {
  connectionArnAndName,
  invalidAccountId,
  invalidConnectionArn,
  invalidImageDigest,
  invalidName,
  noConnection,
  notWholeNumberInRange,
  regionNotStackRegion,
  reservedParameterName,
  retentionNotCloudWatchPeriod,
  tooManyParameterLevels,
  unknownChoice,
  unknownRegion,
} from './errors';
import type { ImagePipelineProps } from './image-pipeline';

/** CodeBuild's build timeout range, in minutes. */
export const BUILD_TIMEOUT_MINUTES = { min: 5, max: 2160, default: 30 } as const;
/** SSM allows at most 15 levels in a parameter hierarchy. */
export const MAX_PARAMETER_LEVELS = 15;

interface NameRule {
  readonly field: string;
  readonly pattern: RegExp;
  readonly rule: string;
}

const PROJECT_NAME: NameRule = {
  field: 'projectName',
  pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/,
  rule: '2..255 letters, digits, - or _, starting with a letter or digit',
};
const GITHUB_REPOSITORY: NameRule = {
  field: 'githubRepository',
  pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
  rule: '"owner/repository" on GitHub',
};
const BRANCH: NameRule = {
  field: 'branch',
  // git check-ref-format, narrowed to the characters branch names use in practice.
  pattern: /^(?![-./])(?!.*(?:\.\.|\/\/|\/\.|\.lock(?:\/|$)))[A-Za-z0-9._/-]{1,255}(?<![/.])$/,
  rule: 'a git branch name: letters, digits and . _ / -, not starting with - . or /, without .. or //',
};
const ECR_REPOSITORY: NameRule = {
  field: 'ecrRepositoryName',
  pattern: /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  rule: 'an ECR repository name: 2..256 lower-case letters and digits, parts joined by . _ or -, path segments by /',
};
const CONNECTION_NAME: NameRule = {
  field: 'connectionName',
  pattern: /^[A-Za-z0-9_.-]{1,32}$/,
  rule: '1..32 letters, digits, - _ or . (the CodeConnections limit is 32 characters)',
};
const PARAMETER_NAME: NameRule = {
  field: 'imageDigestParameterName',
  pattern: /^(?=.{2,1011}$)\/[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/,
  rule: 'a parameter path such as /llm-platform/prod/eu-west-1/api-image-digest: "/" then segments of letters, digits and _ . - joined by "/", at most 1011 characters',
};
const BUILDSPEC: NameRule = {
  field: 'buildspecPath',
  pattern: /^(?![/.])(?!.*\.\.)[A-Za-z0-9_./-]+\.ya?ml$/,
  rule: 'a .yml or .yaml path relative to the repository root, without ..',
};

const CONNECTION_ARN_PATTERN = /^arn:aws(?:-[a-z-]+)?:(?:codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/;

export function validateProps(scope: IConstruct, props: ImagePipelineProps): void {
  checkName(scope, PROJECT_NAME, props.projectName);
  if (!Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) throw invalidAccountId(scope, props.accountId);
  checkRegion(scope, props.region);
  checkName(scope, GITHUB_REPOSITORY, props.githubRepository);
  if (props.branch !== undefined) checkName(scope, BRANCH, props.branch);
  checkName(scope, ECR_REPOSITORY, props.ecrRepositoryName);
  checkConnection(scope, props);
  checkParameterName(scope, props.imageDigestParameterName);
  const digest = props.initialImageDigest;
  if (digest !== undefined && !Token.isUnresolved(digest) && !IMAGE_DIGEST_PATTERN.test(digest)) throw invalidImageDigest(scope, digest);
  checkChoice(scope, 'architecture', BUILD_ARCHITECTURES, props.architecture);
  checkChoice(scope, 'computeType', BUILD_COMPUTE_TYPES, props.computeType);
  const days = props.logRetentionDays;
  if (days !== undefined && !Token.isUnresolved(days) && !(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
    throw retentionNotCloudWatchPeriod(scope, days, LOG_RETENTION_DAYS);
  }
  const minutes = props.buildTimeoutMinutes;
  if (minutes !== undefined && !Token.isUnresolved(minutes)) {
    if (!Number.isInteger(minutes) || minutes < BUILD_TIMEOUT_MINUTES.min || minutes > BUILD_TIMEOUT_MINUTES.max) {
      throw notWholeNumberInRange(scope, 'buildTimeoutMinutes', { ...BUILD_TIMEOUT_MINUTES, unit: 'minutes' }, minutes);
    }
  }
  if (props.buildspecPath !== undefined) checkName(scope, BUILDSPEC, props.buildspecPath);
}

function checkName(scope: IConstruct, rule: NameRule, value: string): void {
  if (!Token.isUnresolved(value) && !rule.pattern.test(value)) throw invalidName(scope, rule.field, rule.rule, value);
}

function checkChoice(scope: IConstruct, field: string, choices: readonly string[], value: string | undefined): void {
  if (value !== undefined && !Token.isUnresolved(value) && !choices.includes(value)) throw unknownChoice(scope, field, choices, value);
}

function checkRegion(scope: IConstruct, region: string): void {
  if (Token.isUnresolved(region)) return;
  if (!isKnownRegion(region)) throw unknownRegion(scope, region);
  const stackRegion = deploymentContextOf(scope).region;
  if (stackRegion !== undefined && stackRegion !== region) throw regionNotStackRegion(scope, region, stackRegion);
}

function checkConnection(scope: IConstruct, props: ImagePipelineProps): void {
  if (props.connectionArn !== undefined && props.connectionName !== undefined) throw connectionArnAndName(scope);
  if (props.connectionArn === undefined && props.connectionName === undefined) throw noConnection(scope);
  const arn = props.connectionArn;
  if (arn !== undefined && !Token.isUnresolved(arn) && !CONNECTION_ARN_PATTERN.test(arn)) throw invalidConnectionArn(scope, arn);
  if (props.connectionName !== undefined) checkName(scope, CONNECTION_NAME, props.connectionName);
}

function checkParameterName(scope: IConstruct, name: string): void {
  if (Token.isUnresolved(name)) return;
  checkName(scope, PARAMETER_NAME, name);
  if (/^\/?(aws|ssm)/i.test(name)) throw reservedParameterName(scope, name);
  const levels = name.split('/').length - 1;
  if (levels > MAX_PARAMETER_LEVELS) throw tooManyParameterLevels(scope, name, levels, MAX_PARAMETER_LEVELS);
}
