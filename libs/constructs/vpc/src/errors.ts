/**
 * The configuration errors of constructs-vpc: each says which prop, the limit, the value received
 * and where (`where` is `describeLocation(vpc)`: environment, region and construct path).
 */

const GENERIC_CIDR_RULE = 'must be an IPv4 CIDR block such as 10.20.0.0/16';

export const vpcErrors = {
  /** `reason` comes from `parseCidr` in '@llm/config'. */
  invalidCidr(cidr: string, reason: string, where: string): Error {
    const rule = reason === GENERIC_CIDR_RULE ? reason : `must be a canonical IPv4 CIDR block (${reason})`;
    return new Error(`Vpc cidr ${rule}, got "${cidr}" ${where}`);
  },

  cidrPrefixOutOfRange(prefixLength: number, min: number, max: number, where: string): Error {
    return new Error(`Vpc cidr prefix must be /${min}../${max}, got /${prefixLength} ${where}`);
  },

  zonesNotLiteral(where: string): Error {
    return new Error(
      `Vpc availabilityZones must be literal zone names such as eu-west-1a, got an unresolved token; subnets are laid out per zone at synth time ${where}`,
    );
  },

  zoneCountOutOfRange(count: number, max: number, where: string): Error {
    return new Error(`Vpc availabilityZones must list 1..${max} zones, got ${count} ${where}`);
  },

  duplicateZone(zone: string, where: string): Error {
    return new Error(`Vpc availabilityZones must not repeat a zone, got "${zone}" twice ${where}`);
  },

  zoneNotInRegion(zone: string, region: string, where: string): Error {
    return new Error(`Vpc availability zone must be a zone of region ${region} (${region} plus one letter), got "${zone}" ${where}`);
  },

  zoneLetterOutOfRange(zone: string, lastLetter: string, where: string): Error {
    return new Error(`Vpc availability zone letter must be a..${lastLetter} (each letter owns one address block), got "${zone}" ${where}`);
  },

  unknownNatMode(nat: string, modes: readonly string[], where: string): Error {
    return new Error(`Vpc nat must be one of ${modes.join(', ')}, got "${nat}" ${where}`);
  },

  unknownInterfaceEndpoint(name: string, known: readonly string[], where: string): Error {
    return new Error(`Vpc interfaceEndpoints may list only ${known.join(', ')}, got "${name}" ${where}`);
  },

  retentionNotCloudWatchPeriod(days: number, periods: readonly number[], where: string): Error {
    return new Error(`Vpc flowLogRetentionDays must be one of the CloudWatch Logs periods ${periods.join(', ')}, got ${days} ${where}`);
  },

  invalidAccountId(accountId: string, where: string): Error {
    return new Error(`Vpc accountId must be exactly 12 digits, got "${accountId}" ${where}`);
  },

  unknownRegion(region: string, where: string): Error {
    return new Error(`Vpc region must be a known AWS region code such as eu-west-1, got "${region}" ${where}`);
  },

  partitionMismatch(partition: string, region: string, expected: string, where: string): Error {
    return new Error(`Vpc partition must be ${expected} for region ${region}, got "${partition}"; leave it unset to derive it ${where}`);
  },

  invalidNamePrefix(namePrefix: string, where: string): Error {
    return new Error(`Vpc namePrefix must be letters, digits or hyphens, starting with a letter or digit, got "${namePrefix}" ${where}`);
  },

  roleNameTooLong(roleName: string, max: number, where: string): Error {
    return new Error(`Vpc flow-logs role name must be at most ${max} characters, got ${roleName.length} ("${roleName}"); shorten namePrefix ${where}`);
  },

  invalidPermissionBoundaryArn(arn: string, where: string): Error {
    return new Error(`Vpc permissionBoundaryArn must be an IAM policy ARN such as arn:aws:iam::111111111111:policy/name, got "${arn}" ${where}`);
  },
};
