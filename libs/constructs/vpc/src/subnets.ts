/**
 * Public and private subnets, one of each per zone, carved from the VPC CIDR by a fixed scheme;
 * the internet gateway, the public route table and one private route table per zone.
 *
 * Address scheme: the VPC CIDR is split into 16 equal blocks (its prefix + 4: a /16 gives /20s, a
 * /24 gives /28s, the smallest subnet AWS allows). A zone's block is chosen by its letter, not by
 * its place in the list: zone letter a..h is slot 0..7, its public subnet is block `slot` and its
 * private subnet block `8 + slot`. So adding, removing or reordering zones never moves another
 * zone's subnets (which would replace them), and the layout of 10.30.0.0/16 is always:
 *
 *   zone a: public 10.30.0.0/20    private 10.30.128.0/20
 *   zone b: public 10.30.16.0/20   private 10.30.144.0/20
 *   zone c: public 10.30.32.0/20   private 10.30.160.0/20  ... up to zone h.
 */
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { parseCidr } from '@llm/config';
import { Fn, Token } from 'cdktf';
import type { Construct } from 'constructs';

/** Bits added to the VPC prefix for every subnet: 2^4 = 16 equal blocks. */
export const SUBNET_PREFIX_EXTENSION = 4;
/** Zone letters that own an address block (a..h); the blocks of the other half are the private subnets. */
export const ZONE_SLOTS = 8;
export const LAST_ZONE_LETTER = String.fromCharCode('a'.charCodeAt(0) + ZONE_SLOTS - 1);

export interface ZoneSubnetCidrs {
  readonly zone: string;
  /** The zone's letter, which names its resources (`PublicSubnetA`) and picks its address blocks. */
  readonly letter: string;
  readonly publicCidr: string;
  readonly privateCidr: string;
}

/** 0 for zone letter a, 7 for h; the caller has checked the letter is in range. */
export function zoneSlot(zone: string): number {
  return zone.charCodeAt(zone.length - 1) - 'a'.charCodeAt(0);
}

/**
 * The subnet CIDRs of each zone under the scheme above. A literal VPC CIDR gives literal subnet
 * CIDRs (readable in the synthesized JSON); a token gives Terraform `cidrsubnet()` expressions.
 */
export function subnetCidrs(vpcCidr: string, zones: readonly string[]): ZoneSubnetCidrs[] {
  return zones.map((zone) => {
    const slot = zoneSlot(zone);
    return {
      zone,
      letter: zone.slice(-1),
      publicCidr: cidrBlock(vpcCidr, slot),
      privateCidr: cidrBlock(vpcCidr, ZONE_SLOTS + slot),
    };
  });
}

function cidrBlock(vpcCidr: string, index: number): string {
  if (Token.isUnresolved(vpcCidr)) return Fn.cidrsubnet(vpcCidr, SUBNET_PREFIX_EXTENSION, index);
  const parsed = parseCidr(vpcCidr);
  if (typeof parsed === 'string') throw new Error(`subnetCidrs: VPC cidr "${vpcCidr}" ${parsed}`);
  const prefixLength = parsed.prefixLength + SUBNET_PREFIX_EXTENSION;
  const first = parsed.first + index * 2 ** (32 - prefixLength);
  return `${formatAddress(first)}/${prefixLength}`;
}

function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface SubnetsProps {
  readonly vpcId: string;
  readonly namePrefix: string;
  readonly layout: readonly ZoneSubnetCidrs[];
}

export interface Subnets {
  readonly internetGateway: InternetGateway;
  readonly publicRouteTable: RouteTable;
  /** In zone order, like `layout`. */
  readonly publicSubnets: readonly Subnet[];
  readonly privateSubnets: readonly Subnet[];
  /** One per zone, so each zone's private traffic can leave through its own NAT gateway. */
  readonly privateRouteTables: readonly RouteTable[];
}

export function addSubnets(scope: Construct, props: SubnetsProps): Subnets {
  const { vpcId, namePrefix } = props;
  const internetGateway = new InternetGateway(scope, 'InternetGateway', { vpcId, tags: { Name: `${namePrefix}-igw` } });
  const publicRouteTable = new RouteTable(scope, 'PublicRouteTable', { vpcId, tags: { Name: `${namePrefix}-public` } });
  new Route(scope, 'PublicDefaultRoute', {
    routeTableId: publicRouteTable.id,
    destinationCidrBlock: '0.0.0.0/0',
    gatewayId: internetGateway.id,
  });

  const publicSubnets: Subnet[] = [];
  const privateSubnets: Subnet[] = [];
  const privateRouteTables: RouteTable[] = [];
  for (const { zone, letter, publicCidr, privateCidr } of props.layout) {
    const suffix = letter.toUpperCase();
    const publicSubnet = new Subnet(scope, `PublicSubnet${suffix}`, {
      vpcId,
      availabilityZone: zone,
      cidrBlock: publicCidr,
      // Only the NAT gateways live here, with their own Elastic IPs; nothing gets a public IP by accident.
      mapPublicIpOnLaunch: false,
      tags: { Name: `${namePrefix}-public-${letter}` },
    });
    new RouteTableAssociation(scope, `PublicRouteTableAssociation${suffix}`, {
      subnetId: publicSubnet.id,
      routeTableId: publicRouteTable.id,
    });

    const privateSubnet = new Subnet(scope, `PrivateSubnet${suffix}`, {
      vpcId,
      availabilityZone: zone,
      cidrBlock: privateCidr,
      mapPublicIpOnLaunch: false,
      tags: { Name: `${namePrefix}-private-${letter}` },
    });
    const privateRouteTable = new RouteTable(scope, `PrivateRouteTable${suffix}`, {
      vpcId,
      tags: { Name: `${namePrefix}-private-${letter}` },
    });
    new RouteTableAssociation(scope, `PrivateRouteTableAssociation${suffix}`, {
      subnetId: privateSubnet.id,
      routeTableId: privateRouteTable.id,
    });

    publicSubnets.push(publicSubnet);
    privateSubnets.push(privateSubnet);
    privateRouteTables.push(privateRouteTable);
  }
  return { internetGateway, publicRouteTable, publicSubnets, privateSubnets, privateRouteTables };
}
