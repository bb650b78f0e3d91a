/**
 * On-demand EC2 workers of one region (GPU or batch): what may be launched, for how long and how
 * many at once. The stacks create only a launch template, an instance profile and a security
 * group from this, so a configured region costs nothing until someone runs `npm run worker -- launch`.
 */
import { z } from 'zod';

/** Instance families a worker may use, with what the launch template and the quota check need to know. */
export const WORKER_FAMILIES = {
  t3: { architecture: 'x86_64', gpu: false, quotaClass: 'standard' },
  t3a: { architecture: 'x86_64', gpu: false, quotaClass: 'standard' },
  t4g: { architecture: 'arm64', gpu: false, quotaClass: 'standard' },
  m7i: { architecture: 'x86_64', gpu: false, quotaClass: 'standard' },
  m7g: { architecture: 'arm64', gpu: false, quotaClass: 'standard' },
  c7i: { architecture: 'x86_64', gpu: false, quotaClass: 'standard' },
  c7g: { architecture: 'arm64', gpu: false, quotaClass: 'standard' },
  r7i: { architecture: 'x86_64', gpu: false, quotaClass: 'standard' },
  r7g: { architecture: 'arm64', gpu: false, quotaClass: 'standard' },
  g4dn: { architecture: 'x86_64', gpu: true, quotaClass: 'g-vt' },
  g5: { architecture: 'x86_64', gpu: true, quotaClass: 'g-vt' },
  g6: { architecture: 'x86_64', gpu: true, quotaClass: 'g-vt' },
  g6e: { architecture: 'x86_64', gpu: true, quotaClass: 'g-vt' },
  p4d: { architecture: 'x86_64', gpu: true, quotaClass: 'p' },
  p5: { architecture: 'x86_64', gpu: true, quotaClass: 'p' },
} as const satisfies Record<string, { architecture: 'arm64' | 'x86_64'; gpu: boolean; quotaClass: WorkerQuotaClass }>;

export type WorkerFamily = keyof typeof WORKER_FAMILIES;
type WorkerQuotaClass = 'standard' | 'g-vt' | 'p';

/**
 * EC2 vCPU quotas (Service Quotas, service code `ec2`) a worker may request, by the instance
 * families they cover. Running On-Demand quotas count vCPUs, not instances.
 */
export const WORKER_QUOTA_CODES = {
  'L-1216C47A': { quotaClass: 'standard', name: 'Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances' },
  'L-DB2E81BA': { quotaClass: 'g-vt', name: 'Running On-Demand G and VT instances' },
  'L-417A185B': { quotaClass: 'p', name: 'Running On-Demand P instances' },
} as const satisfies Record<string, { quotaClass: WorkerQuotaClass; name: string }>;

export type WorkerQuotaCode = keyof typeof WORKER_QUOTA_CODES;

export const WORKER_MAX_HOURS_LIMIT = 72;
export const WORKER_MAX_INSTANCES_LIMIT = 20;
export const WORKER_VOLUME_GB = { min: 8, max: 2048 } as const;

const INSTANCE_TYPE = /^([a-z][a-z0-9]*)\.(nano|micro|small|medium|large|metal|[0-9]*xlarge)$/;

/** The family of an instance type (`g5` of `g5.xlarge`), or undefined when the type is malformed. */
export function instanceFamily(instanceType: string): string | undefined {
  return INSTANCE_TYPE.exec(instanceType)?.[1];
}

export function isWorkerFamily(family: string | undefined): family is WorkerFamily {
  return family !== undefined && Object.hasOwn(WORKER_FAMILIES, family);
}

export const workersSchema = z.strictObject({
  /** e.g. t4g.small, g5.xlarge; the family must be one of WORKER_FAMILIES. */
  instanceType: z.string().regex(INSTANCE_TYPE, 'must be an EC2 instance type such as t4g.small or g5.xlarge'),
  /** @default - the family's (t4g, m7g, c7g, r7g: arm64; the others x86_64) */
  architecture: z.enum(['arm64', 'x86_64']).optional(),
  /** Whether the worker needs a GPU (and the GPU image). @default - the family's */
  gpu: z.boolean().optional(),
  /** Longest a worker may run; the janitor terminates it after this even without an ExpiresAt tag. */
  maxHours: z
    .number()
    .int('must be a whole number of hours')
    .min(1, `must be 1..${WORKER_MAX_HOURS_LIMIT} hours`)
    .max(WORKER_MAX_HOURS_LIMIT, `must be 1..${WORKER_MAX_HOURS_LIMIT} hours`),
  /** Workers (pending, running or stopped) the region may hold at once. */
  maxInstances: z
    .number()
    .int('must be a whole number of instances')
    .min(1, `must be 1..${WORKER_MAX_INSTANCES_LIMIT} instances`)
    .max(WORKER_MAX_INSTANCES_LIMIT, `must be 1..${WORKER_MAX_INSTANCES_LIMIT} instances`),
  /** Encrypted gp3 root volume, deleted with the instance. */
  volumeGb: z
    .number()
    .int('must be a whole number of GB')
    .min(WORKER_VOLUME_GB.min, `must be ${WORKER_VOLUME_GB.min}..${WORKER_VOLUME_GB.max} GB`)
    .max(WORKER_VOLUME_GB.max, `must be ${WORKER_VOLUME_GB.min}..${WORKER_VOLUME_GB.max} GB`),
  /** SSH (tcp/22) from these IPv4 CIDRs. @default [] - no ingress at all: use SSM Session Manager */
  allowSshFrom: z.array(z.string()).default([]),
  /** Give workers a public IPv4 address (launched in a public subnet). Refused in production. @default false */
  publicIp: z.boolean().default(false),
  /** Let workers read the region's generations/ prefix of the output bucket. @default false */
  readGenerations: z.boolean().default(false),
  /** Ask Service Quotas for this vCPU quota in the region (e.g. L-DB2E81BA for G instances). @default - no request */
  quota: z
    .strictObject({
      code: z.string().refine((code) => Object.hasOwn(WORKER_QUOTA_CODES, code), {
        message: `must be one of the EC2 vCPU quota codes ${Object.keys(WORKER_QUOTA_CODES).join(', ')}`,
      }),
      vCpus: z.number().int('must be a whole number of vCPUs').min(1, 'must be 1..4096 vCPUs').max(4096, 'must be 1..4096 vCPUs'),
    })
    .optional(),
});

export type WorkersConfig = z.output<typeof workersSchema>;

/** A region's worker settings with the family's defaults filled in. */
export interface ResolvedWorkers extends WorkersConfig {
  readonly family: WorkerFamily;
  readonly architecture: 'arm64' | 'x86_64';
  readonly gpu: boolean;
}

/** Fills architecture and gpu from the family; validation has already refused unknown families. */
export function resolveWorkers(workers: WorkersConfig): ResolvedWorkers {
  const family = instanceFamily(workers.instanceType);
  if (!isWorkerFamily(family)) throw new Error(`workers.instanceType "${workers.instanceType}" has no known family; validate the configuration first`);
  const facts = WORKER_FAMILIES[family];
  return { ...workers, family, architecture: workers.architecture ?? facts.architecture, gpu: workers.gpu ?? facts.gpu };
}
