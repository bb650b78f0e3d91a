/**
 * VPC flow logs (all traffic) to a CloudWatch log group, through a role that the flow-logs service
 * of this account alone may assume, that carries the permission boundary, and that may only write
 * streams of that one log group.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { PolicyDocument } from '@llm/constructs/iam';
import type { Construct } from 'constructs';

export const FLOW_LOGS_SERVICE_PRINCIPAL = 'vpc-flow-logs.amazonaws.com';

/**
 * What the flow-logs service does with the role (the set aws-cdk-lib's FlowLog grants). Left out
 * on purpose: logs:CreateLogGroup (Terraform creates the group) and logs:DescribeLogGroups (not
 * needed to deliver, and scopable only to every group of the account). Nothing needs Resource "*".
 */
export const FLOW_LOGS_ROLE_ACTIONS = ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'] as const;

export interface FlowLogsTarget {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** The flow-log role's name; IAM allows 64 characters. */
export function flowLogsRoleName(namePrefix: string): string {
  return `${namePrefix}-vpc-flow-logs`;
}

export function flowLogGroupName(namePrefix: string): string {
  return `/vpc-flow-logs/${namePrefix}`;
}

/** Computed, not read from the resource, so the policy is plain JSON that tests and reviews can read. */
export function logGroupArn(target: FlowLogsTarget, logGroupName: string): string {
  return `arn:${target.partition}:logs:${target.region}:${target.accountId}:log-group:${logGroupName}`;
}

/** Only the flow-logs service, acting for flow logs of this account and region (no confused deputy). */
export function flowLogsTrustPolicy(target: FlowLogsTarget): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'FlowLogsServiceOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: FLOW_LOGS_SERVICE_PRINCIPAL },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': target.accountId },
          ArnLike: { 'aws:SourceArn': `arn:${target.partition}:ec2:${target.region}:${target.accountId}:vpc-flow-log/*` },
        },
      },
    ],
  };
}

/** Write access to one log group and its streams (`<group ARN>:*`), nothing else. */
export function flowLogsRolePolicy(groupArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WriteFlowLogStreams',
        Effect: 'Allow',
        Action: [...FLOW_LOGS_ROLE_ACTIONS],
        Resource: [groupArn, `${groupArn}:*`],
      },
    ],
  };
}

export interface FlowLogsProps extends FlowLogsTarget {
  readonly vpcId: string;
  readonly namePrefix: string;
  readonly retentionDays: number;
  readonly permissionBoundaryArn: string;
}

export interface FlowLogs {
  readonly logGroup: CloudwatchLogGroup;
  readonly logGroupName: string;
  readonly logGroupArn: string;
  readonly role: IamRole;
  readonly flowLog: FlowLog;
}

export function addFlowLogs(scope: Construct, props: FlowLogsProps): FlowLogs {
  const name = flowLogGroupName(props.namePrefix);
  const groupArn = logGroupArn(props, name);
  const logGroup = new CloudwatchLogGroup(scope, 'FlowLogGroup', { name, retentionInDays: props.retentionDays });
  const role = new IamRole(scope, 'FlowLogsRole', {
    name: flowLogsRoleName(props.namePrefix),
    description: `Lets VPC Flow Logs write to ${name}`,
    assumeRolePolicy: JSON.stringify(flowLogsTrustPolicy(props)),
    permissionsBoundary: props.permissionBoundaryArn,
  });
  const policy = new IamRolePolicy(scope, 'FlowLogsRolePolicy', {
    name: 'write-flow-log-streams',
    role: role.id,
    policy: JSON.stringify(flowLogsRolePolicy(groupArn)),
  });
  const flowLog = new FlowLog(scope, 'FlowLog', {
    vpcId: props.vpcId,
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logDestination: logGroup.arn,
    iamRoleArn: role.arn,
    tags: { Name: `${props.namePrefix}-vpc` },
    // Flow logs check the role when they start delivering; without its policy they fail until retried.
    dependsOn: [policy],
  });
  return { logGroup, logGroupName: name, logGroupArn: groupArn, role, flowLog };
}
