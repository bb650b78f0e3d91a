/**
 * Security groups: the VPC's default group stripped of every rule (so nothing that lands in it
 * by default can talk), the interface endpoints' group (HTTPS from the VPC only) and a group for
 * the Lambda function (HTTPS out only, nothing in).
 */
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Construct } from 'constructs';

const HTTPS_PORT = 443;

export interface SecurityGroupsProps {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly namePrefix: string;
}

/** Empty `ingress`/`egress` make Terraform remove the rules AWS puts in every default group. */
export function addDefaultSecurityGroup(scope: Construct, props: SecurityGroupsProps): DefaultSecurityGroup {
  return new DefaultSecurityGroup(scope, 'DefaultSecurityGroup', {
    vpcId: props.vpcId,
    ingress: [],
    egress: [],
    tags: { Name: `${props.namePrefix}-default-deny-all` },
  });
}

/**
 * Rules are separate resources (the provider's recommendation); a new group's default allow-all
 * egress rule is removed by the provider when it creates the group.
 */
export function addEndpointSecurityGroup(scope: Construct, props: SecurityGroupsProps): SecurityGroup {
  const group = new SecurityGroup(scope, 'EndpointSecurityGroup', {
    vpcId: props.vpcId,
    name: `${props.namePrefix}-vpc-endpoints`,
    description: 'Interface VPC endpoints: HTTPS from inside the VPC only',
    tags: { Name: `${props.namePrefix}-vpc-endpoints` },
  });
  new VpcSecurityGroupIngressRule(scope, 'EndpointHttpsFromVpc', {
    securityGroupId: group.id,
    description: 'HTTPS from the VPC',
    ipProtocol: 'tcp',
    fromPort: HTTPS_PORT,
    toPort: HTTPS_PORT,
    cidrIpv4: props.vpcCidr,
  });
  return group;
}

/** For functions in the private subnets: they call AWS APIs and the model API over HTTPS, and are never called over the network. */
export function addLambdaSecurityGroup(scope: Construct, props: SecurityGroupsProps): SecurityGroup {
  const group = new SecurityGroup(scope, 'LambdaSecurityGroup', {
    vpcId: props.vpcId,
    name: `${props.namePrefix}-lambda`,
    description: 'Lambda functions: HTTPS out only, no inbound',
    tags: { Name: `${props.namePrefix}-lambda` },
  });
  new VpcSecurityGroupEgressRule(scope, 'LambdaHttpsEgress', {
    securityGroupId: group.id,
    description: 'HTTPS to AWS APIs, VPC endpoints and the model API',
    ipProtocol: 'tcp',
    fromPort: HTTPS_PORT,
    toPort: HTTPS_PORT,
    cidrIpv4: '0.0.0.0/0',
  });
  return group;
}
