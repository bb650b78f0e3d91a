/**
 * On-demand workers of this region, when the region configures `workers`: what they launch from
 * (libs/constructs/workers) and the janitor that reaps them (apps/janitor), run every 15 minutes
 * and on every message of the alert topic (a budget alert stops all workers at once).
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { partitionOf, resolveWorkers, type RegionConfig, type ResolvedWorkers } from '@llm/config';
import type { AlertTopic } from '@llm/constructs/budgets';
import { ExecutionRole, type PolicyStatement } from '@llm/constructs/iam';
import { FunctionAlarms, LlmFunction, spendAlarmName } from '@llm/constructs/lambda';
import type { Vpc } from '@llm/constructs/vpc';
import { Workers } from '@llm/constructs/workers';
import { MANAGED_BY, WORKER_TAGS, workerTags } from '@llm/naming';
import { resolve } from 'node:path';
import type { ProjectStack } from '../project-stack';
import { METRICS_NAMESPACE } from './api-role';
import { GENERATIONS_PREFIX, type RegionalStorage } from './storage';

/** Built by `nx run janitor:build` (apps/janitor/build.ts); `npm start` builds it before synthesizing. */
export const JANITOR_BUNDLE_ZIP = resolve(__dirname, '..', '..', '..', 'dist', 'apps', 'janitor', 'janitor.zip');

/** Key prefix of the janitor's records in the output bucket. */
export const JANITOR_PREFIX = 'janitor/';

/** How often the janitor sweeps; the schedule and the cost estimate's run count both follow from it. */
export const JANITOR_INTERVAL_MINUTES = 15;
export const JANITOR_SCHEDULE = `rate(${JANITOR_INTERVAL_MINUTES} minutes)`;

export interface RegionalWorkers {
  readonly workers: Workers;
  readonly janitor: LlmFunction;
  readonly settings: ResolvedWorkers;
}

export function addWorkers(
  stack: ProjectStack,
  parts: { readonly vpc: Vpc; readonly storage: RegionalStorage; readonly alertTopic: AlertTopic },
): RegionalWorkers | undefined {
  const { env, naming, region } = stack;
  const config = (env.regions.find((entry) => entry.region === region) as RegionConfig).workers;
  if (!config) return undefined;
  const settings = resolveWorkers(config);
  const workers = new Workers(stack, 'Workers', {
    name: naming.workerName(region),
    roleName: naming.workerRoleName(region),
    permissionBoundaryArn: naming.permissionBoundaryArn,
    accountId: env.accountId,
    region,
    partition: partitionOf(region),
    vpcId: parts.vpc.vpcId,
    instanceType: settings.instanceType,
    architecture: settings.architecture,
    gpu: settings.gpu,
    volumeGb: settings.volumeGb,
    maxHours: settings.maxHours,
    allowSshFrom: settings.allowSshFrom,
    publicIp: settings.publicIp,
    logGroupName: naming.workerLogGroupName(region),
    logRetentionDays: env.logging.retentionDays,
    readBucket: settings.readGenerations ? { bucketArn: parts.storage.outputBucket.bucketArn, prefix: GENERATIONS_PREFIX } : undefined,
    instanceTags: workerTags(env),
    quota: settings.quota,
  });
  const janitor = addJanitor(stack, parts, settings);
  return { workers, janitor, settings };
}

function addJanitor(
  stack: ProjectStack,
  parts: { readonly storage: RegionalStorage; readonly alertTopic: AlertTopic },
  settings: ResolvedWorkers,
): LlmFunction {
  const { env, naming, region } = stack;
  const role = new ExecutionRole(stack, 'JanitorRole', {
    roleName: naming.roleName(region, 'janitor'),
    servicePrincipal: 'lambda.amazonaws.com',
    permissionBoundaryArn: naming.permissionBoundaryArn,
    accountId: env.accountId,
    region,
    partition: partitionOf(region),
    description: `Worker janitor in ${env.name} ${region}`,
  });
  for (const statement of janitorStatements(stack)) role.addStatement(statement);
  role.grantWrite(parts.storage.outputBucket.bucketArn, JANITOR_PREFIX);
  // Events that still fail after Lambda's retries (a budget alert among them) land here, and an alarm says so.
  const failuresName = `${naming.prefix(region)}-janitor-failures`;
  const failures = new SqsQueue(stack, 'JanitorFailures', {
    name: failuresName,
    messageRetentionSeconds: 14 * 24 * 3600,
    sqsManagedSseEnabled: true,
  });
  role.addStatement({
    Sid: 'ReportFailedEvents',
    Effect: 'Allow',
    Action: ['sqs:SendMessage'],
    Resource: `arn:${partitionOf(region)}:sqs:${region}:${env.accountId}:${failuresName}`,
  });

  const fn = new LlmFunction(stack, 'JanitorFunction', {
    functionName: naming.janitorFunctionName(region),
    description: `Worker janitor, ${env.name} ${region}: terminates expired workers, deletes what they leave`,
    role,
    packaging: { type: 'zip', assetPath: JANITOR_BUNDLE_ZIP },
    architecture: 'arm64',
    memoryMb: 256,
    timeoutSeconds: 120,
    // One run at a time: the schedule and an alert arriving together must not act on the same resources twice.
    reservedConcurrency: 1,
    logRetentionDays: env.logging.retentionDays,
    environment: {
      ENVIRONMENT_NAME: env.name,
      WORKER_MAX_HOURS: String(settings.maxHours),
      OUTPUT_BUCKET_NAME: parts.storage.outputBucket.bucketName,
      SPEND_ALARM_NAME: spendAlarmName(naming.prefix(region)),
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      POWERTOOLS_SERVICE_NAME: 'janitor',
    },
  });

  new LambdaFunctionEventInvokeConfig(stack, 'JanitorInvokeConfig', {
    functionName: fn.functionName,
    maximumRetryAttempts: 2,
    // An hour-old sweep is superseded by the next scheduled one; an alert is still worth acting on within the hour.
    maximumEventAgeInSeconds: 3600,
    destinationConfig: { onFailure: { destination: failures.arn } },
  });
  new CloudwatchMetricAlarm(stack, 'JanitorFailuresAlarm', {
    alarmName: `${naming.prefix(region)}-janitor-failed-events`,
    alarmDescription: 'The worker janitor dropped an event after its retries (see the janitor-failures queue and the function logs)',
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: failures.name },
    statistic: 'Maximum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    alarmActions: [parts.alertTopic.topicArn],
  });

  const schedule = new CloudwatchEventRule(stack, 'JanitorSchedule', {
    name: naming.janitorFunctionName(region),
    description: 'Runs the worker janitor',
    scheduleExpression: JANITOR_SCHEDULE,
  });
  new CloudwatchEventTarget(stack, 'JanitorScheduleTarget', { rule: schedule.name, arn: fn.functionArn });
  new LambdaPermission(stack, 'JanitorScheduleInvoke', {
    statementId: 'ScheduleInvoke',
    action: 'lambda:InvokeFunction',
    functionName: fn.functionName,
    principal: 'events.amazonaws.com',
    sourceArn: schedule.arn,
  });
  new SnsTopicSubscription(stack, 'JanitorAlerts', { topicArn: parts.alertTopic.topic.arn, protocol: 'lambda', endpoint: fn.functionArn });
  new LambdaPermission(stack, 'JanitorAlertsInvoke', {
    statementId: 'AlertTopicInvoke',
    action: 'lambda:InvokeFunction',
    functionName: fn.functionName,
    principal: 'sns.amazonaws.com',
    sourceArn: parts.alertTopic.topic.arn,
  });
  // A partial run fails the invocation, so the errors alarm tells someone the janitor left something behind.
  new FunctionAlarms(stack, 'JanitorAlarms', { namePrefix: `${naming.prefix(region)}-janitor`, function: fn, alarmTopicArn: parts.alertTopic.topicArn });
  return fn;
}

/**
 * What the janitor may do in EC2: read everything (Describe* has no resources), change only
 * workers of this environment, never anything Terraform manages. The conditions repeat the
 * code's own tag checks, so a bug in the code cannot reach another environment's resources.
 */
export function janitorStatements(stack: ProjectStack): PolicyStatement[] {
  const { env, region } = stack;
  const arn = (type: string) => `arn:${partitionOf(region)}:ec2:${region}:${env.accountId}:${type}/*`;
  const tags = workerTags(env);
  const onlyWorkers = {
    StringEquals: Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:ResourceTag/${key}`, value])),
    StringNotEquals: { 'aws:ResourceTag/ManagedBy': MANAGED_BY },
  };
  const leftovers = [arn('volume'), arn('key-pair'), arn('security-group')];
  return [
    {
      Sid: 'FindWorkers',
      Effect: 'Allow',
      Action: ['ec2:DescribeInstances', 'ec2:DescribeKeyPairs', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVolumes'],
      Resource: '*',
    },
    { Sid: 'EndWorkers', Effect: 'Allow', Action: ['ec2:StopInstances', 'ec2:TerminateInstances'], Resource: arn('instance'), Condition: onlyWorkers },
    {
      Sid: 'DeleteLeftovers',
      Effect: 'Allow',
      Action: ['ec2:DeleteKeyPair', 'ec2:DeleteSecurityGroup', 'ec2:DeleteVolume'],
      Resource: leftovers,
      Condition: onlyWorkers,
    },
    {
      // The grace mark: only the one tag key, only on workers' leftovers.
      Sid: 'MarkUnusedLeftovers',
      Effect: 'Allow',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Resource: leftovers,
      Condition: { ...onlyWorkers, 'ForAllValues:StringEquals': { 'aws:TagKeys': [WORKER_TAGS.unusedSince] } },
    },
  ];
}
