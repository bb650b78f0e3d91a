/**
 * The only actions this project may grant on `Resource: "*"`: AWS offers no resource-level
 * permission for them (see the Service Authorization Reference). Anything else must name its
 * resources; `leastPrivilegeViolation` and the all-stacks policy test enforce that.
 */
export const UNSCOPED_ACTIONS: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray trace writes have no resource type',
  'xray:PutTelemetryRecords': 'X-Ray telemetry writes have no resource type',
  'ecr:GetAuthorizationToken': 'the registry login token is account-wide',
  'cloudwatch:PutMetricData': 'metrics have no ARN; scope with the cloudwatch:namespace condition instead',
  'ec2:CreateNetworkInterface': 'Lambda in a VPC creates ENIs whose ids are not known in advance',
  'ec2:DescribeNetworkInterfaces': 'Describe* calls have no resource type',
  'ec2:DeleteNetworkInterface': 'Lambda in a VPC deletes ENIs whose ids are not known in advance',
  'ec2:AssignPrivateIpAddresses': 'Lambda in a VPC manages ENI addresses whose ids are not known in advance',
  'ec2:UnassignPrivateIpAddresses': 'Lambda in a VPC manages ENI addresses whose ids are not known in advance',
  'ec2:DescribeInstances': 'Describe* calls have no resource type',
  'ec2:DescribeVolumes': 'Describe* calls have no resource type',
  'ec2:DescribeKeyPairs': 'Describe* calls have no resource type',
  'ec2:DescribeSecurityGroups': 'Describe* calls have no resource type',
  'ssmmessages:CreateControlChannel': 'Session Manager channels have no resource type (the SSM agent opens them)',
  'ssmmessages:CreateDataChannel': 'Session Manager channels have no resource type (the SSM agent opens them)',
  'ssmmessages:OpenControlChannel': 'Session Manager channels have no resource type (the SSM agent opens them)',
  'ssmmessages:OpenDataChannel': 'Session Manager channels have no resource type (the SSM agent opens them)',
};
