/** Who is launching (the LaunchedBy tag) and in which account, from STS; the OS user name when STS cannot answer. */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { userInfo } from 'node:os';

export interface CallerIdentity {
  /** The caller's ARN, or the OS user name when STS failed. */
  readonly launchedBy: string;
  /** Undefined when STS failed: the account then goes unchecked. */
  readonly account?: string;
  /** Why launchedBy is not an ARN, for the user to read. */
  readonly warning?: string;
}

export async function callerIdentity(sts: STSClient, osUser: () => string = localUserName): Promise<CallerIdentity> {
  try {
    const answer = await sts.send(new GetCallerIdentityCommand({}));
    if (answer.Arn && answer.Account) return { launchedBy: answer.Arn, account: answer.Account };
    throw new Error('the answer had no Arn or Account');
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const user = osUser();
    return {
      launchedBy: user,
      warning: `could not read the caller identity from STS (${reason.replace(
        /\s+/g,
        ' ',
      )}); LaunchedBy is the OS user "${user}" instead and the account is not checked`,
    };
  }
}

function localUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // userInfo throws for a uid without a passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
