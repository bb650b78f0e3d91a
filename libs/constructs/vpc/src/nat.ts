/**
 * Internet egress of the private subnets: NAT gateways with their Elastic IPs, and each private
 * route table's default route. `none` creates neither, so private subnets reach only the VPC and
 * its endpoints.
 */
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import type { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import type { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Construct } from 'constructs';
import type { ZoneSubnetCidrs } from './subnets';

export const NAT_MODES = ['none', 'single', 'per-az'] as const;

/**
 * - `none`: no NAT gateway; private subnets have no default route (endpoints only).
 * - `single`: one NAT gateway in the first listed zone, shared by every zone (cheaper; that
 *   zone's outage cuts every zone's egress).
 * - `per-az`: one NAT gateway per zone; each zone's private subnet uses its own.
 */
export type NatMode = (typeof NAT_MODES)[number];

export interface NatProps {
  readonly mode: NatMode;
  readonly namePrefix: string;
  readonly layout: readonly ZoneSubnetCidrs[];
  /** Same order as `layout`. */
  readonly publicSubnets: readonly Subnet[];
  /** Same order as `layout`. */
  readonly privateRouteTables: readonly RouteTable[];
  readonly internetGateway: InternetGateway;
}

/** Creates the NAT gateways of `mode` and routes every private route table through one. */
export function addNatGateways(scope: Construct, props: NatProps): NatGateway[] {
  if (props.mode === 'none') return [];
  // A NAT gateway is named after its zone's letter in both modes, so switching single -> per-az
  // adds gateways and keeps the one that exists.
  const zones = props.mode === 'per-az' ? props.layout : props.layout.slice(0, 1);
  const gateways = zones.map(({ letter }, index) => {
    const suffix = letter.toUpperCase();
    const eip = new Eip(scope, `NatEip${suffix}`, { domain: 'vpc', tags: { Name: `${props.namePrefix}-nat-${letter}` } });
    return new NatGateway(scope, `NatGateway${suffix}`, {
      allocationId: eip.allocationId,
      subnetId: props.publicSubnets[index].id,
      tags: { Name: `${props.namePrefix}-nat-${letter}` },
      // AWS: a NAT gateway needs the internet gateway attached before it can pass traffic.
      dependsOn: [props.internetGateway],
    });
  });
  props.privateRouteTables.forEach((routeTable, index) => {
    new Route(scope, `PrivateDefaultRoute${props.layout[index].letter.toUpperCase()}`, {
      routeTableId: routeTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: (props.mode === 'per-az' ? gateways[index] : gateways[0]).id,
    });
  });
  return gateways;
}
