/**
 * The network of one region: a VPC with public and private subnets in each listed zone, NAT as
 * configured, flow logs, an S3 gateway endpoint, optional interface endpoints, a rule-less default
 * security group and a security group for the Lambda function. Everything plans offline: zones,
 * account, region and partition come from props, never from a data source.
 */
import { Vpc as AwsVpc } from '@cdktf/provider-aws/lib/vpc';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { describeLocation, partitionOf } from '@llm/config';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { addInterfaceEndpoints, addS3GatewayEndpoint, type InterfaceEndpointName } from './endpoints';
import { addFlowLogs } from './flow-logs';
import { addNatGateways, type NatMode } from './nat';
import { addDefaultSecurityGroup, addEndpointSecurityGroup, addLambdaSecurityGroup } from './security';
import { addSubnets, subnetCidrs } from './subnets';
import { validateVpcProps } from './validate';

export interface VpcProps {
  /**
   * IPv4 CIDR of the VPC, prefix /16../24 (AWS allows /28, but each subnet is 1/16 of the VPC and
   * AWS's smallest subnet is a /28). Must not overlap the other regions' VPCs.
   */
  readonly cidr: string;
  /**
   * 1..6 zone names of `region`, e.g. `['eu-west-1a', 'eu-west-1b']`, letters a..h. Listed
   * explicitly so no stack calls DescribeAvailabilityZones. A zone's letter picks its subnets'
   * address blocks, so the order of the list does not matter.
   */
  readonly availabilityZones: readonly string[];
  /**
   * Internet egress of the private subnets: `none` (no NAT, endpoints only), `single` (one NAT
   * gateway in the first listed zone) or `per-az` (one per zone, survives a zone's outage).
   * @default 'single'
   */
  readonly nat?: NatMode;
  /**
   * Prefix of every name, from the naming module, e.g. `llm-platform-prod-eu-west-1`. Letters,
   * digits and hyphens; at most 50 characters, since the flow-logs role is
   * `<namePrefix>-vpc-flow-logs` and IAM role names have at most 64.
   */
  readonly namePrefix: string;
  /** 12-digit account the VPC lives in; scopes the flow-logs role's trust and policy. */
  readonly accountId: string;
  /** Region of the stack's provider, e.g. eu-west-1; endpoint service names and ARNs use it. */
  readonly region: string;
  /**
   * ARN partition of `region`.
   * @default - derived from region: 'aws-us-gov' for us-gov-* regions, else 'aws'
   */
  readonly partition?: string;
  /** ARN of the environment's permission boundary, set on every role this construct creates. */
  readonly permissionBoundaryArn: string;
  /**
   * Days the flow-log group keeps records; one of the CloudWatch Logs periods
   * (`LOG_RETENTION_DAYS` in '@llm/config': 1, 3, 5, 7, 14, 30, 60, 90, ... 3653).
   * @default 90
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Interface endpoints in the private subnets, with private DNS, reachable on 443 from the VPC
   * CIDR only. `'ecr'` creates both ecr.api and ecr.dkr (layers come through the S3 endpoint).
   * @default [] - only the S3 gateway endpoint
   */
  readonly interfaceEndpoints?: readonly InterfaceEndpointName[];
}

export const DEFAULT_NAT_MODE: NatMode = 'single';
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 90;

export class Vpc extends Construct {
  readonly vpc: AwsVpc;
  readonly vpcId: string;
  readonly cidr: string;
  /** As given; `privateSubnetIds[i]` and `publicSubnetIds[i]` are in `availabilityZones[i]`. */
  readonly availabilityZones: readonly string[];
  readonly nat: NatMode;
  /** Whether private subnets reach the internet (through NAT): `nat !== 'none'`. */
  readonly hasInternetEgress: boolean;
  readonly publicSubnets: readonly Subnet[];
  readonly privateSubnets: readonly Subnet[];
  readonly publicSubnetIds: readonly string[];
  /** Where the Lambda function's network interfaces go. */
  readonly privateSubnetIds: readonly string[];
  readonly privateRouteTableIds: readonly string[];
  readonly natGateways: readonly NatGateway[];
  /** HTTPS out to anywhere, nothing in: for the Lambda function. */
  readonly lambdaSecurityGroup: SecurityGroup;
  readonly lambdaSecurityGroupId: string;
  /** Present when `interfaceEndpoints` is not empty. */
  readonly endpointSecurityGroup?: SecurityGroup;
  readonly s3GatewayEndpoint: VpcEndpoint;
  readonly interfaceEndpoints: readonly VpcEndpoint[];
  readonly flowLogGroup: CloudwatchLogGroup;
  readonly flowLogGroupName: string;
  readonly flowLogsRole: IamRole;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    const nat = props.nat ?? DEFAULT_NAT_MODE;
    const partition = props.partition ?? (Token.isUnresolved(props.region) ? 'aws' : partitionOf(props.region));
    const flowLogRetentionDays = props.flowLogRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS;
    const interfaceEndpoints = props.interfaceEndpoints ?? [];
    validateVpcProps(
      { ...props, nat, partition, partitionGiven: props.partition !== undefined, flowLogRetentionDays, interfaceEndpoints },
      describeLocation(this),
    );
    const { namePrefix } = props;

    this.vpc = new AwsVpc(this, 'Vpc', {
      cidrBlock: props.cidr,
      // Both are needed for the interface endpoints' private DNS names.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${namePrefix}-vpc` },
    });
    const vpcId = this.vpc.id;
    this.vpcId = vpcId;
    this.cidr = props.cidr;
    this.availabilityZones = [...props.availabilityZones];
    this.nat = nat;
    this.hasInternetEgress = nat !== 'none';

    const layout = subnetCidrs(props.cidr, props.availabilityZones);
    const subnets = addSubnets(this, { vpcId, namePrefix, layout });
    this.publicSubnets = subnets.publicSubnets;
    this.privateSubnets = subnets.privateSubnets;
    this.publicSubnetIds = subnets.publicSubnets.map((subnet) => subnet.id);
    this.privateSubnetIds = subnets.privateSubnets.map((subnet) => subnet.id);
    this.privateRouteTableIds = subnets.privateRouteTables.map((table) => table.id);

    this.natGateways = addNatGateways(this, {
      mode: nat,
      namePrefix,
      layout,
      publicSubnets: subnets.publicSubnets,
      privateRouteTables: subnets.privateRouteTables,
      internetGateway: subnets.internetGateway,
    });

    const flowLogs = addFlowLogs(this, {
      vpcId,
      namePrefix,
      accountId: props.accountId,
      region: props.region,
      partition,
      retentionDays: flowLogRetentionDays,
      permissionBoundaryArn: props.permissionBoundaryArn,
    });
    this.flowLogGroup = flowLogs.logGroup;
    this.flowLogGroupName = flowLogs.logGroupName;
    this.flowLogsRole = flowLogs.role;

    const groupProps = { vpcId, vpcCidr: props.cidr, namePrefix };
    addDefaultSecurityGroup(this, groupProps);
    this.lambdaSecurityGroup = addLambdaSecurityGroup(this, groupProps);
    this.lambdaSecurityGroupId = this.lambdaSecurityGroup.id;

    this.s3GatewayEndpoint = addS3GatewayEndpoint(this, {
      vpcId,
      region: props.region,
      namePrefix,
      routeTableIds: [subnets.publicRouteTable.id, ...this.privateRouteTableIds],
    });
    if (interfaceEndpoints.length > 0) {
      this.endpointSecurityGroup = addEndpointSecurityGroup(this, groupProps);
    }
    this.interfaceEndpoints = this.endpointSecurityGroup
      ? addInterfaceEndpoints(this, {
          vpcId,
          region: props.region,
          namePrefix,
          endpoints: interfaceEndpoints,
          subnetIds: this.privateSubnetIds,
          securityGroupId: this.endpointSecurityGroup.id,
        })
      : [];
  }
}
