/** Checks of the Vpc props at construction, before any resource exists; unresolved tokens are skipped. */
import { azBelongsToRegion, isKnownRegion, LOG_RETENTION_DAYS, parseCidr, partitionOf } from '@llm/config';
import { Token } from 'cdktf';
import { vpcErrors } from './errors';
import { INTERFACE_ENDPOINT_NAMES } from './endpoints';
import { flowLogsRoleName } from './flow-logs';
import { NAT_MODES } from './nat';
import { LAST_ZONE_LETTER, zoneSlot, ZONE_SLOTS } from './subnets';

export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 24;
export const MAX_AVAILABILITY_ZONES = 6;
const MAX_ROLE_NAME = 64;

const ACCOUNT_ID_PATTERN = /^\d{12}$/;
const NAME_PREFIX_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const POLICY_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/;

/** The props as the checks see them, defaults applied. */
export interface ResolvedVpcProps {
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  readonly nat: string;
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Whether the caller set `partition` (a derived one cannot conflict with the region). */
  readonly partitionGiven: boolean;
  readonly permissionBoundaryArn: string;
  readonly flowLogRetentionDays: number;
  readonly interfaceEndpoints: readonly string[];
}

/** Throws the first problem found; `where` is `describeLocation(vpc)`. */
export function validateVpcProps(props: ResolvedVpcProps, where: string): void {
  validateCidr(props.cidr, where);
  validateZones(props.availabilityZones, props.region, where);

  if (!(NAT_MODES as readonly string[]).includes(props.nat)) throw vpcErrors.unknownNatMode(props.nat, NAT_MODES, where);
  for (const name of props.interfaceEndpoints) {
    if (!(INTERFACE_ENDPOINT_NAMES as readonly string[]).includes(name)) {
      throw vpcErrors.unknownInterfaceEndpoint(name, INTERFACE_ENDPOINT_NAMES, where);
    }
  }

  const retention = props.flowLogRetentionDays;
  if (!Token.isUnresolved(retention) && !(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) {
    throw vpcErrors.retentionNotCloudWatchPeriod(retention, LOG_RETENTION_DAYS, where);
  }

  if (!Token.isUnresolved(props.accountId) && !ACCOUNT_ID_PATTERN.test(props.accountId)) {
    throw vpcErrors.invalidAccountId(props.accountId, where);
  }
  if (!Token.isUnresolved(props.region)) {
    if (!isKnownRegion(props.region)) throw vpcErrors.unknownRegion(props.region, where);
    const expected = partitionOf(props.region);
    if (props.partitionGiven && !Token.isUnresolved(props.partition) && props.partition !== expected) {
      throw vpcErrors.partitionMismatch(props.partition, props.region, expected, where);
    }
  }

  if (!Token.isUnresolved(props.namePrefix)) {
    if (!NAME_PREFIX_PATTERN.test(props.namePrefix)) throw vpcErrors.invalidNamePrefix(props.namePrefix, where);
    const roleName = flowLogsRoleName(props.namePrefix);
    if (roleName.length > MAX_ROLE_NAME) throw vpcErrors.roleNameTooLong(roleName, MAX_ROLE_NAME, where);
  }
  if (!Token.isUnresolved(props.permissionBoundaryArn) && !POLICY_ARN_PATTERN.test(props.permissionBoundaryArn)) {
    throw vpcErrors.invalidPermissionBoundaryArn(props.permissionBoundaryArn, where);
  }
}

function validateCidr(cidr: string, where: string): void {
  if (Token.isUnresolved(cidr)) return;
  const parsed = parseCidr(cidr);
  if (typeof parsed === 'string') throw vpcErrors.invalidCidr(cidr, parsed, where);
  if (parsed.prefixLength < MIN_VPC_PREFIX || parsed.prefixLength > MAX_VPC_PREFIX) {
    throw vpcErrors.cidrPrefixOutOfRange(parsed.prefixLength, MIN_VPC_PREFIX, MAX_VPC_PREFIX, where);
  }
}

function validateZones(zones: readonly string[], region: string, where: string): void {
  // Zones pick the subnets' address blocks and construct ids, so they must be known at synth time.
  if (Token.isUnresolved(zones) || zones.some((zone) => Token.isUnresolved(zone))) throw vpcErrors.zonesNotLiteral(where);
  if (zones.length === 0 || zones.length > MAX_AVAILABILITY_ZONES) {
    throw vpcErrors.zoneCountOutOfRange(zones.length, MAX_AVAILABILITY_ZONES, where);
  }
  const seen = new Set<string>();
  for (const zone of zones) {
    if (seen.has(zone)) throw vpcErrors.duplicateZone(zone, where);
    seen.add(zone);
    if (!Token.isUnresolved(region) && !azBelongsToRegion(zone, region)) throw vpcErrors.zoneNotInRegion(zone, region, where);
    const slot = zoneSlot(zone);
    if (!(slot >= 0 && slot < ZONE_SLOTS)) throw vpcErrors.zoneLetterOutOfRange(zone, LAST_ZONE_LETTER, where);
  }
}
