/** Which environment and region a command acts on, read from the validated environment configs, with the region's workers settings. */
import { resolveWorkers, validateEnvironments, type EnvironmentConfig, type ResolvedWorkers } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { Naming } from '@llm/naming';
import { refusals } from './errors';

export interface WorkerTarget {
  readonly env: EnvironmentConfig;
  readonly region: string;
  readonly naming: Naming;
  /** Undefined when the region configures no workers: launch refuses, the other commands still clean up. */
  readonly workers?: ResolvedWorkers;
}

export function resolveTarget(envName: string, region: string, environments: readonly unknown[] = ENVIRONMENTS): WorkerTarget {
  const envs = validateEnvironments(environments);
  const env = envs.find((candidate) => candidate.name === envName);
  if (!env)
    throw refusals.unknownEnvironment(
      envName,
      envs.map((candidate) => candidate.name),
    );
  const entry = env.regions.find((candidate) => candidate.region === region);
  if (!entry)
    throw refusals.unknownRegion(
      env.name,
      region,
      env.regions.map((candidate) => candidate.region),
    );
  return { env, region, naming: new Naming(env), ...(entry.workers ? { workers: resolveWorkers(entry.workers) } : {}) };
}

/** The region's workers settings, or the refusal that names the regions that have some. */
export function requireWorkers(target: WorkerTarget): ResolvedWorkers {
  if (target.workers) return target.workers;
  const configured = target.env.regions.filter((entry) => entry.workers).map((entry) => entry.region);
  throw refusals.noWorkers(target.env.name, target.region, configured);
}
