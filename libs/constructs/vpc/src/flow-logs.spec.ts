import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { BOUNDARY_ARN, reference, resourcesOf, synthVpc, type Block } from './spec-helpers';

const GROUP_NAME = '/vpc-flow-logs/llm-platform-prod-eu-west-1';
const GROUP_ARN = `arn:aws:logs:eu-west-1:333333333333:log-group:${GROUP_NAME}`;

function only(synthesized: string, type: string): Block {
  const blocks = Object.values(resourcesOf(synthesized, type));
  expect(blocks).toHaveLength(1);
  return blocks[0];
}

describe('Vpc flow logs', () => {
  it('logs all traffic of the VPC to its log group, through its role', () => {
    const synthesized = synthVpc();

    expect(synthesized).toHaveResourceWithProperties(FlowLog, {
      vpc_id: reference(synthesized, 'aws_vpc', 'Vpc'),
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: reference(synthesized, 'aws_cloudwatch_log_group', 'FlowLogGroup', 'arn'),
      iam_role_arn: reference(synthesized, 'aws_iam_role', 'FlowLogsRole', 'arn'),
    });
  });

  it('keeps flow logs 90 days unless flowLogRetentionDays says otherwise', () => {
    expect(synthVpc()).toHaveResourceWithProperties(CloudwatchLogGroup, { name: GROUP_NAME, retention_in_days: 90 });
    expect(synthVpc({ flowLogRetentionDays: 365 })).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 365 });
  });

  it('names the role after namePrefix and gives it the permission boundary', () => {
    expect(synthVpc()).toHaveResourceWithProperties(IamRole, {
      name: 'llm-platform-prod-eu-west-1-vpc-flow-logs',
      permissions_boundary: BOUNDARY_ARN,
    });
  });

  it('lets only the flow-logs service, for flow logs of this account and region, assume the role', () => {
    const role = only(synthVpc(), 'aws_iam_role');

    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'FlowLogsServiceOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '333333333333' },
            ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:eu-west-1:333333333333:vpc-flow-log/*' },
          },
        },
      ],
    });
  });

  it('allows the role to write streams of its own log group and nothing else', () => {
    const synthesized = synthVpc();
    const policy = only(synthesized, 'aws_iam_role_policy');

    expect(policy.role).toBe(reference(synthesized, 'aws_iam_role', 'FlowLogsRole'));
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WriteFlowLogStreams',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [GROUP_ARN, `${GROUP_ARN}:*`],
        },
      ],
    });
    expect(resourcesOf(synthesized, 'aws_iam_role_policy_attachment')).toEqual({});
  });

  it('starts the flow log only once the role has its policy', () => {
    const synthesized = synthVpc();
    const policyId = Object.keys(resourcesOf(synthesized, 'aws_iam_role_policy'))[0];
    expect(only(synthesized, 'aws_flow_log').depends_on).toEqual([`aws_iam_role_policy.${policyId}`]);
  });

  it('uses the GovCloud partition in ARNs for a GovCloud region', () => {
    const synthesized = synthVpc({
      region: 'us-gov-west-1',
      availabilityZones: ['us-gov-west-1a'],
      permissionBoundaryArn: 'arn:aws-us-gov:iam::333333333333:policy/b',
    });

    const role = only(synthesized, 'aws_iam_role');
    const policy = JSON.parse(only(synthesized, 'aws_iam_role_policy').policy);
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition.ArnLike['aws:SourceArn']).toBe(
      'arn:aws-us-gov:ec2:us-gov-west-1:333333333333:vpc-flow-log/*',
    );
    expect(policy.Statement[0].Resource[0]).toBe(`arn:aws-us-gov:logs:us-gov-west-1:333333333333:log-group:${GROUP_NAME}`);
  });
});
