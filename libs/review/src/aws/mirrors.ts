/**
 * Attributes the AWS provider reads back from resources managed on their own: a role's
 * `inline_policy` from its aws_iam_role_policy resources, a security group's `ingress` from its
 * rule resources, a bucket's `versioning` from aws_s3_bucket_versioning, and so on. Refresh fills
 * them in after every apply, so they "drift" whenever such a resource exists; what they show is
 * the other resource's business (and its own drift), not drift of the resource that mirrors it.
 */
import { isObject, type JsonObject } from '../input/terraform-json';
import { permissionsOfEntry, permissionsOfLegacyRule, permissionsOfVpcRule, type Direction } from './security-group-permissions';

/** A resource the plan knows, as refresh read it. */
export interface KnownResource {
  readonly address: string;
  readonly type: string;
  readonly values: JsonObject;
}

export interface Mirror {
  /** Resource types whose attribute mirrors. */
  readonly types: readonly string[];
  readonly attribute: string;
  /** Resource types that manage what the attribute shows. */
  readonly owners: readonly string[];
  /** Whether an owner belongs to this resource (the policy's role, the rule's group). */
  readonly linked: (owner: KnownResource, resource: JsonObject) => boolean;
  /**
   * Whether one list entry is accounted for by the linked owners; entries that are not were
   * made outside Terraform and are real drift.
   * @default - the attribute mirrors as a whole once one owner is linked
   */
  readonly explains?: (entry: unknown, owners: readonly KnownResource[], resource: JsonObject) => boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Whether `reference` names `resource` by one of its identifiers (a role by name, id or ARN). */
function refersTo(reference: unknown, resource: JsonObject, keys: readonly string[]): boolean {
  const wanted = text(reference);
  return wanted !== undefined && keys.some((key) => text(resource[key]) === wanted);
}

const byRole = (owner: KnownResource, role: JsonObject) => refersTo(owner.values.role, role, ['name', 'id', 'arn']);

function securityGroupMirror(direction: Direction): Mirror {
  return {
    types: ['aws_security_group', 'aws_default_security_group'],
    attribute: direction,
    owners: [`aws_vpc_security_group_${direction}_rule`, 'aws_security_group_rule'],
    linked: (owner, group) => refersTo(owner.values.security_group_id, group, ['id']),
    explains(entry, owners, group) {
      const managed = new Set(
        owners.flatMap((owner) =>
          owner.type === 'aws_security_group_rule' ? permissionsOfLegacyRule(owner.values, direction) : permissionsOfVpcRule(owner.values),
        ),
      );
      const permissions = permissionsOfEntry(entry, text(group.id) ?? '');
      return permissions.length > 0 && permissions.every((permission) => managed.has(permission));
    },
  };
}

const ROUTE_DESTINATIONS: ReadonlyArray<readonly [entryKey: string, routeKey: string]> = [
  ['cidr_block', 'destination_cidr_block'],
  ['ipv6_cidr_block', 'destination_ipv6_cidr_block'],
  ['destination_prefix_list_id', 'destination_prefix_list_id'],
];

/** A bucket's legacy inline attributes and the aws_s3_bucket_* resource that took each over. */
const S3_SPLIT_RESOURCES: ReadonlyArray<readonly [attribute: string, owner: string]> = [
  ['acceleration_status', 'aws_s3_bucket_accelerate_configuration'],
  ['acl', 'aws_s3_bucket_acl'],
  ['grant', 'aws_s3_bucket_acl'],
  ['cors_rule', 'aws_s3_bucket_cors_configuration'],
  ['lifecycle_rule', 'aws_s3_bucket_lifecycle_configuration'],
  ['logging', 'aws_s3_bucket_logging'],
  ['object_lock_configuration', 'aws_s3_bucket_object_lock_configuration'],
  ['policy', 'aws_s3_bucket_policy'],
  ['replication_configuration', 'aws_s3_bucket_replication_configuration'],
  ['request_payer', 'aws_s3_bucket_request_payment_configuration'],
  ['server_side_encryption_configuration', 'aws_s3_bucket_server_side_encryption_configuration'],
  ['versioning', 'aws_s3_bucket_versioning'],
  ['website', 'aws_s3_bucket_website_configuration'],
  ['website_domain', 'aws_s3_bucket_website_configuration'],
  ['website_endpoint', 'aws_s3_bucket_website_configuration'],
];

/** An attribute taken over as a whole by a resource of its own, which names its parent by `ownerKey`. */
function wholeAttribute(type: string, attribute: string, owner: string, ownerKey: string, identifiers: readonly string[]): Mirror {
  return { types: [type], attribute, owners: [owner], linked: (resource, values) => refersTo(resource.values[ownerKey], values, identifiers) };
}

export const MIRRORS: readonly Mirror[] = [
  {
    types: ['aws_iam_role'],
    attribute: 'inline_policy',
    owners: ['aws_iam_role_policy'],
    linked: byRole,
    explains: (entry, owners) => isObject(entry) && owners.some((owner) => text(owner.values.name) === text(entry.name)),
  },
  {
    types: ['aws_iam_role'],
    attribute: 'managed_policy_arns',
    owners: ['aws_iam_role_policy_attachment'],
    linked: byRole,
    explains: (entry, owners) => owners.some((owner) => text(owner.values.policy_arn) === text(entry)),
  },
  securityGroupMirror('ingress'),
  securityGroupMirror('egress'),
  {
    types: ['aws_route_table', 'aws_default_route_table'],
    attribute: 'route',
    owners: ['aws_route'],
    linked: (route, table) => refersTo(route.values.route_table_id, table, ['id']),
    explains: (entry, routes) =>
      isObject(entry) &&
      ROUTE_DESTINATIONS.some(
        ([entryKey, routeKey]) => text(entry[entryKey]) !== undefined && routes.some((route) => text(route.values[routeKey]) === text(entry[entryKey])),
      ),
  },
  ...S3_SPLIT_RESOURCES.map(([attribute, owner]) => wholeAttribute('aws_s3_bucket', attribute, owner, 'bucket', ['bucket', 'id'])),
  wholeAttribute('aws_sns_topic', 'policy', 'aws_sns_topic_policy', 'arn', ['arn', 'id']),
  wholeAttribute('aws_sqs_queue', 'policy', 'aws_sqs_queue_policy', 'queue_url', ['url', 'id']),
  wholeAttribute('aws_sqs_queue', 'redrive_policy', 'aws_sqs_queue_redrive_policy', 'queue_url', ['url', 'id']),
  wholeAttribute('aws_sqs_queue', 'redrive_allow_policy', 'aws_sqs_queue_redrive_allow_policy', 'queue_url', ['url', 'id']),
  wholeAttribute('aws_kms_key', 'policy', 'aws_kms_key_policy', 'key_id', ['key_id', 'id', 'arn']),
  wholeAttribute('aws_secretsmanager_secret', 'policy', 'aws_secretsmanager_secret_policy', 'secret_arn', ['arn', 'id']),
];

/**
 * `values` without what other resources manage: mirrored attributes left out, mirrored list
 * entries filtered away. `identity` is the resource as refresh read it, to find its owners by;
 * the same identity for the before and the after values takes the same parts out of both.
 */
export function withoutMirrors(
  type: string,
  values: JsonObject,
  identity: JsonObject,
  resourcesOfType: (type: string) => readonly KnownResource[],
): JsonObject {
  const result: JsonObject = { ...values };
  for (const mirror of MIRRORS) {
    if (!mirror.types.includes(type) || !(mirror.attribute in result)) continue;
    const owners = mirror.owners.flatMap(resourcesOfType).filter((owner) => mirror.linked(owner, identity));
    if (owners.length === 0) continue;
    const value = result[mirror.attribute];
    if (!mirror.explains) delete result[mirror.attribute];
    else if (Array.isArray(value)) result[mirror.attribute] = value.filter((entry) => !mirror.explains!(entry, owners, identity));
  }
  return result;
}
