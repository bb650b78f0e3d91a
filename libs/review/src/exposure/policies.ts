/** Resource and trust policies that newly allow anyone (`Principal: "*"`) with no condition that limits who. */
import { isDefaultEndpointPolicy } from '../aws/default-policies';
import { documentLabel } from '../iam/broadening';
import type { DocumentDiff } from '../iam/diff';
import { isControlKind, policyDocuments } from '../iam/documents';
import { isPublicPrincipal, type Statement } from '../iam/policy';
import { listed } from '../text';
import type { Exposure, ExposureDetector } from './exposure';

/** Condition keys that pin a public principal down to an account, organization, network or source. */
const LIMITING_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:sourceorgid',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalservicename',
  'aws:userid',
  'aws:username',
  'kms:calleraccount',
  'kms:viaservice',
  's3:dataaccesspointaccount',
  'aws:resourceorgid',
  'aws:resourceaccount',
]);

/** A VPC endpoint is reached from inside its VPC (and networks routed to it), never from the internet. */
const VPC_ENDPOINT = 'aws_vpc_endpoint';
const WITHIN_VPC = 'the endpoint is reachable only from within its VPC, not from the internet';

export function isPublicStatement(statement: Statement): boolean {
  if (statement.effect !== 'Allow' || !statement.principals.some(isPublicPrincipal)) return false;
  return !statement.conditionKeys.some((entry) => LIMITING_KEYS.has(entry.slice(entry.indexOf(' ') + 1)));
}

export function publicStatements(diff: DocumentDiff, type: string): Exposure[] {
  // `Principal: "*"` in an RCP is how it names every principal it restricts: a cap, not an opening.
  if (isControlKind(diff.kind)) return [];
  const endpoint = type === VPC_ENDPOINT;
  return diff.added.filter(isPublicStatement).map((statement) => ({
    key: `policy:${diff.path}:${statement.key}`,
    severity: endpoint ? 'medium' : 'high',
    message: `${documentLabel(diff)} allows anyone (Principal *) ${listed([...statement.actions, ...statement.notActions.map((action) => `all but ${action}`)])}${statement.sid ? ` (statement ${statement.sid})` : ''}${endpoint ? `; ${WITHIN_VPC}` : ''}`,
  }));
}

/**
 * The full-access policy AWS gives an endpoint when none is set, written out or read back: worth a
 * note (a narrower policy limits what the VPC reaches through it), not an exposure.
 */
export const vpcEndpointPolicy: ExposureDetector = (values) => {
  const document = policyDocuments(VPC_ENDPOINT, values).get('policy');
  if (!document || !isDefaultEndpointPolicy(document.statements)) return [];
  return [
    {
      key: 'policy:default',
      severity: 'low',
      message: `policy is AWS's default endpoint policy (Allow * to Principal *); ${WITHIN_VPC}; set a narrower policy to limit which principals and resources can be reached through it`,
    },
  ];
};
