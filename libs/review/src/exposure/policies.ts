/** Resource and trust policies that newly allow anyone (`Principal: "*"`) with no condition that limits who. */
import { documentLabel } from '../iam/broadening';
import type { DocumentDiff } from '../iam/diff';
import { isPublicPrincipal, type Statement } from '../iam/policy';
import { listed } from '../text';
import type { Exposure } from './exposure';

/** Condition keys that pin a public principal down to an account, organization, network or source. */
const LIMITING_KEYS = new Set([
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip', 'aws:sourceorgid',
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:principalservicename',
  'aws:userid', 'aws:username', 'kms:calleraccount', 'kms:viaservice', 's3:dataaccesspointaccount', 'aws:resourceorgid', 'aws:resourceaccount',
]);

export function isPublicStatement(statement: Statement): boolean {
  if (statement.effect !== 'Allow' || !statement.principals.some(isPublicPrincipal)) return false;
  return !statement.conditionKeys.some((entry) => LIMITING_KEYS.has(entry.slice(entry.indexOf(' ') + 1)));
}

export function publicStatements(diff: DocumentDiff): Exposure[] {
  return diff.added.filter(isPublicStatement).map((statement) => ({
    key: `policy:${diff.path}:${statement.key}`,
    severity: 'high',
    message: `${documentLabel(diff)} allows anyone (Principal *) ${listed([...statement.actions, ...statement.notActions.map((action) => `all but ${action}`)])}${statement.sid ? ` (statement ${statement.sid})` : ''}`,
  }));
}
