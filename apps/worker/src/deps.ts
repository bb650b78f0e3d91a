/** What every command gets from main: the AWS clients of the region, the clock, and where to write. Tests pass mocks and fakes. */
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';

export interface WorkerDeps {
  readonly ec2: EC2Client;
  readonly sts: STSClient;
  readonly now: () => Date;
  /** The command's result, on stdout. */
  readonly out: (line: string) => void;
  /** Warnings and progress, on stderr, so stdout stays the result. */
  readonly warn: (line: string) => void;
  /** Longest wait for running or terminated, in seconds. */
  readonly waitSeconds: number;
  /** First delay between waiter polls, in seconds. @default - the SDK waiter's (15 s for these waiters) */
  readonly pollSeconds?: number;
}

/** Launching a GPU instance can take several minutes; ten bound a wait that is stuck. */
export const DEFAULT_WAIT_SECONDS = 600;

/** Clients for the region; credentials and endpoints (AWS_ENDPOINT_URL for the emulator) from the SDK's usual chain. */
export function awsDeps(region: string): WorkerDeps {
  return {
    ec2: new EC2Client({ region }),
    sts: new STSClient({ region }),
    now: () => new Date(),
    out: (line) => console.log(line),
    warn: (line) => console.error(line),
    waitSeconds: DEFAULT_WAIT_SECONDS,
  };
}
