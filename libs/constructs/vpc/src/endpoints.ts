/**
 * VPC endpoints: the S3 gateway endpoint (free; keeps S3 traffic, ECR image layers included, off
 * the NAT gateways) and optional interface endpoints, so private subnets reach those AWS APIs
 * even with `nat: 'none'`.
 */
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { Construct } from 'constructs';

/** What each `interfaceEndpoints` entry creates: 'ecr' needs both the API and the registry (docker) endpoint. */
export const INTERFACE_ENDPOINT_SERVICES = {
  secretsmanager: ['secretsmanager'],
  logs: ['logs'],
  ecr: ['ecr.api', 'ecr.dkr'],
} as const satisfies Record<string, readonly string[]>;

export type InterfaceEndpointName = keyof typeof INTERFACE_ENDPOINT_SERVICES;

export const INTERFACE_ENDPOINT_NAMES = Object.keys(INTERFACE_ENDPOINT_SERVICES) as InterfaceEndpointName[];

export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

export interface S3GatewayEndpointProps {
  readonly vpcId: string;
  readonly region: string;
  readonly namePrefix: string;
  readonly routeTableIds: readonly string[];
}

export function addS3GatewayEndpoint(scope: Construct, props: S3GatewayEndpointProps): VpcEndpoint {
  return new VpcEndpoint(scope, 'S3GatewayEndpoint', {
    vpcId: props.vpcId,
    serviceName: endpointServiceName(props.region, 's3'),
    vpcEndpointType: 'Gateway',
    routeTableIds: [...props.routeTableIds],
    tags: { Name: `${props.namePrefix}-s3` },
  });
}

export interface InterfaceEndpointsProps {
  readonly vpcId: string;
  readonly region: string;
  readonly namePrefix: string;
  readonly endpoints: readonly InterfaceEndpointName[];
  /** One subnet per zone: an interface endpoint takes at most one per zone. */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
}

/** Construct ids follow the service (`InterfaceEndpointEcrApi`), so the list's order does not matter. */
export function addInterfaceEndpoints(scope: Construct, props: InterfaceEndpointsProps): VpcEndpoint[] {
  const services = [...new Set(props.endpoints.flatMap((name) => INTERFACE_ENDPOINT_SERVICES[name]))];
  return services.map(
    (service) =>
      new VpcEndpoint(scope, `InterfaceEndpoint${pascalCase(service)}`, {
        vpcId: props.vpcId,
        serviceName: endpointServiceName(props.region, service),
        vpcEndpointType: 'Interface',
        // The service's public DNS name resolves to the endpoint inside the VPC: SDKs need no endpoint setting.
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [props.securityGroupId],
        tags: { Name: `${props.namePrefix}-${service.replace('.', '-')}` },
      }),
  );
}

function pascalCase(service: string): string {
  return service
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
