/** Checks the three constructs share: account ids, e-mail lists, amounts and whole-number ranges. */
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import {
  duplicateEmail,
  invalidAccountId,
  invalidEmail,
  notPositiveUsd,
  notWholeNumberInRange,
  tooManyEmails,
  unresolvedEmailList,
  type BudgetsConstructName,
} from './errors';

const ACCOUNT_ID_PATTERN = /^\d{12}$/;
// The rule the environment schema applies (z.email()), so the config and the constructs agree.
const EMAIL_PATTERN = z.regexes.email;

export function checkAccountId(scope: IConstruct, construct: BudgetsConstructName, accountId: string): void {
  if (!Token.isUnresolved(accountId) && !ACCOUNT_ID_PATTERN.test(accountId)) {
    throw invalidAccountId(scope, construct, accountId);
  }
}

export interface EmailListRules {
  /** At most this many addresses, and why (for the message). @default - no limit */
  readonly max?: { readonly count: number; readonly why: string };
  /**
   * The list itself must not be a token, because each address becomes its own resource or block.
   * @default false
   */
  readonly knownAtSynth?: boolean;
}

/** Each entry an e-mail address, no address twice (ignoring case), and no more than `rules.max` of them. */
export function checkEmails(scope: IConstruct, construct: BudgetsConstructName, field: string, emails: readonly string[], rules: EmailListRules = {}): void {
  if (Token.isUnresolved(emails)) {
    if (rules.knownAtSynth) throw unresolvedEmailList(scope, construct, field);
    return;
  }
  if (rules.max && emails.length > rules.max.count) {
    throw tooManyEmails(scope, construct, field, rules.max.count, emails.length, rules.max.why);
  }
  const seen = new Set<string>();
  emails.forEach((email, index) => {
    if (Token.isUnresolved(email)) return;
    if (!EMAIL_PATTERN.test(email)) throw invalidEmail(scope, construct, field, index, email);
    const key = email.toLowerCase();
    if (seen.has(key)) throw duplicateEmail(scope, construct, field, email);
    seen.add(key);
  });
}

export function checkPositiveUsd(scope: IConstruct, construct: BudgetsConstructName, field: string, value: number): void {
  if (!Token.isUnresolved(value) && !(Number.isFinite(value) && value > 0)) {
    throw notPositiveUsd(scope, construct, field, value);
  }
}

export function checkWholeNumberInRange(
  scope: IConstruct,
  construct: BudgetsConstructName,
  field: string,
  range: { readonly min: number; readonly max: number; readonly unit: string },
  value: number,
): void {
  if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= range.min && value <= range.max)) {
    throw notWholeNumberInRange(scope, construct, field, range, value);
  }
}

/** A USD amount as the AWS APIs take it: a decimal string, or the token of an unresolved number. */
export function usdAmount(value: number): string {
  return Token.isUnresolved(value) ? Token.asString(value) : String(value);
}
