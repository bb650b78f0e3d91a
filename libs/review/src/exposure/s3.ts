/** S3 data made public by a canned ACL, a grant to all users, or a public access block turned off. */
import { isObject } from '../input/terraform-json';
import { asList, type Exposure, type ExposureDetector } from './exposure';

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GRANTEES = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;
const BLOCK_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

function cannedAcl(acl: unknown): Exposure[] {
  return typeof acl === 'string' && PUBLIC_ACLS.has(acl)
    ? [{ key: `acl:${acl}`, severity: 'high', message: `canned ACL ${acl} makes it readable by anyone` }]
    : [];
}

/**
 * Grants to AllUsers or AuthenticatedUsers, in both spellings: `access_control_policy[].grant[]`
 * of aws_s3_bucket_acl (`{ grantee: [{ uri }], permission }`) and the legacy `grant[]` of
 * aws_s3_bucket (`{ uri, permissions: [] }`).
 */
function publicGrants(value: unknown, found: Exposure[] = []): Exposure[] {
  if (Array.isArray(value)) value.forEach((item) => publicGrants(item, found));
  else if (isObject(value)) {
    const grantees = Array.isArray(value.grantee) ? value.grantee.filter(isObject) : [value];
    const permissions = [...asList(value.permissions), ...(value.permission === undefined ? [] : [value.permission])].map(String);
    for (const grantee of grantees) {
      const group = PUBLIC_GRANTEES.exec(typeof grantee.uri === 'string' ? grantee.uri : '');
      if (!group) continue;
      const what = permissions.join(', ') || 'access';
      found.push({ key: `grant:${group[1]}:${what}`, severity: 'high', message: `ACL grants ${what} to ${group[1]}` });
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'grantee' && typeof child === 'object') publicGrants(child, found);
  }
  return found;
}

export const bucketAcl: ExposureDetector = (values) => [...cannedAcl(values.acl), ...publicGrants(values.access_control_policy)];

export const legacyBucket: ExposureDetector = (values) => [...cannedAcl(values.acl), ...publicGrants(values.grant)];

export const object: ExposureDetector = (values) => cannedAcl(values.acl);

export const publicAccessBlock: ExposureDetector = (values) => {
  const off = BLOCK_FLAGS.filter((flag) => values[flag] === false);
  return off.length > 0 ? off.map((flag) => ({ key: `block:${flag}`, severity: 'medium', message: `public access block has ${flag} = false` })) : [];
};
