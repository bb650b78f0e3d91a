// Public API of constructs-vpc: the Vpc construct, its prop types, and the pure pieces (address
// scheme, endpoint services, flow-log policies) that stacks, docs and tests may reuse.
export { Vpc, DEFAULT_FLOW_LOG_RETENTION_DAYS, DEFAULT_NAT_MODE, type VpcProps } from './vpc';
export { NAT_MODES, type NatMode } from './nat';
export { INTERFACE_ENDPOINT_NAMES, INTERFACE_ENDPOINT_SERVICES, endpointServiceName, type InterfaceEndpointName } from './endpoints';
export { FLOW_LOGS_ROLE_ACTIONS, FLOW_LOGS_SERVICE_PRINCIPAL, flowLogGroupName, flowLogsRoleName, flowLogsRolePolicy, flowLogsTrustPolicy } from './flow-logs';
export { LAST_ZONE_LETTER, SUBNET_PREFIX_EXTENSION, ZONE_SLOTS, subnetCidrs, type ZoneSubnetCidrs } from './subnets';
export { MAX_AVAILABILITY_ZONES, MAX_VPC_PREFIX, MIN_VPC_PREFIX } from './validate';
