/**
 * The errors of `npm run worker`: how it was called wrong (usage, exit 2), what it refuses to do
 * with the environment it was pointed at (one line, exit 2, nothing changed), and AWS failures
 * (one line with a hint, exit 1). Each refusal says what, where (environment, region) and how to fix it.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A refusal before anything was launched, stopped or terminated. */
export class WorkerRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerRefusal';
  }
}

/** AWS answered with an error; the message already carries the operation and a hint. */
export class WorkerAwsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerAwsError';
  }
}

const where = (env: string, region: string) => `environment ${env}, region ${region}`;

export const refusals = {
  unknownEnvironment(name: string, known: readonly string[]): WorkerRefusal {
    return new WorkerRefusal(`unknown environment "${name}"; known: ${known.join(', ')}`);
  },
  unknownRegion(env: string, region: string, known: readonly string[]): WorkerRefusal {
    return new WorkerRefusal(`environment ${env} has no region ${region}; its regions: ${known.join(', ')}`);
  },
  noWorkers(env: string, region: string, configured: readonly string[]): WorkerRefusal {
    const elsewhere = configured.length > 0 ? `; regions with workers: ${configured.join(', ')}` : '; no region of it has one';
    return new WorkerRefusal(`no workers configuration for ${where(env, region)} (regions[].workers)${elsewhere}; nothing launched`);
  },
  hoursOutOfRange(hours: number, maxHours: number, env: string, region: string): WorkerRefusal {
    return new WorkerRefusal(`--hours ${hours} is outside 1..${maxHours} (workers.maxHours of ${where(env, region)}); nothing launched`);
  },
  atMaxInstances(ids: readonly string[], maxInstances: number, env: string, region: string): WorkerRefusal {
    return new WorkerRefusal(
      `${where(env, region)} already has ${ids.length} of at most ${maxInstances} workers (workers.maxInstances): ${ids.join(
        ', ',
      )}; stop or terminate one first; nothing launched`,
    );
  },
  wrongAccount(callerAccount: string, env: string, accountId: string): WorkerRefusal {
    return new WorkerRefusal(
      `the AWS credentials are for account ${callerAccount}, but environment ${env} is account ${accountId}; use that account's credentials; nothing launched`,
    );
  },
  stackNotApplied(what: string, env: string, region: string): WorkerRefusal {
    return new WorkerRefusal(
      `${what} not found in ${where(env, region)}: the stack ${env}-${region} is not applied yet (or has no workers); apply it first; nothing launched`,
    );
  },
  notFound(awsMessage: string, region: string): WorkerRefusal {
    return new WorkerRefusal(`${awsMessage.replace(/\.$/, '')} in region ${region}; see npm run worker -- list; nothing changed`);
  },
  notRunning(id: string, state: string): WorkerRefusal {
    return new WorkerRefusal(`${id} is ${state}, not running: Session Manager reaches only a running instance; launch another with npm run worker -- launch`);
  },
  foreignInstances(ids: readonly string[], env: string, region: string, action: string): WorkerRefusal {
    return new WorkerRefusal(
      `${ids.join(', ')} ${ids.length === 1 ? 'is not a worker' : 'are not workers'} of ${where(
        env,
        region,
      )} (tags Project, Environment, Role=worker); nothing ${action}`,
    );
  },
};
