/**
 * `worker ssh`: a shell on one of the environment's running workers through SSM Session Manager.
 * Runs `aws ssm start-session` when there is a terminal and the AWS CLI; otherwise prints it, so
 * it can be copied to a machine that has both.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { calling } from './aws-errors';
import type { WorkerDeps } from './deps';
import { refusals } from './errors';
import { ownWorkers } from './fleet';
import { SESSION_MANAGER_PLUGIN_URL, startSessionArgs } from './session';
import type { WorkerTarget } from './target';

export interface SessionRunner {
  readonly interactive: boolean;
  readonly awsCliFound: () => boolean;
  /** Runs the command with the terminal handed over; resolves to its exit code. */
  readonly run: (args: readonly string[]) => Promise<number>;
}

export async function sshWorker(deps: WorkerDeps, target: WorkerTarget, id: string, runner: SessionRunner = localRunner()): Promise<number> {
  const [instance] = await calling('DescribeInstances', () => ownWorkers(deps.ec2, target, [id], 'opened'));
  const state = instance?.State?.Name ?? 'unknown';
  if (state !== 'running') throw refusals.notRunning(id, state);
  const args = startSessionArgs(id, target.region);
  if (runner.interactive && runner.awsCliFound()) {
    deps.warn(`running: ${args.join(' ')}`);
    return runner.run(args);
  }
  deps.out(args.join(' '));
  deps.warn(`run it where the AWS CLI and its Session Manager plugin are installed (${SESSION_MANAGER_PLUGIN_URL})`);
  return 0;
}

export function localRunner(): SessionRunner {
  return { interactive: process.stdout.isTTY === true && process.stdin.isTTY === true, awsCliFound: () => onPath('aws'), run: runInherited };
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function runInherited(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    // Ctrl-C belongs to the remote shell: the session plugin handles it, and this process must not die under it.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    const child = spawn(args[0], args.slice(1), { stdio: 'inherit' });
    child.once('error', (error) => {
      process.off('SIGINT', ignore);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
