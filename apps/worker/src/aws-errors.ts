/**
 * AWS errors as one line that says what AWS refused and what to do about it: quota errors point at
 * workers.quota and Service Quotas, capacity errors at another zone or instance type.
 */
import { WORKER_FAMILIES, WORKER_QUOTA_CODES, type ResolvedWorkers, type WorkerQuotaCode } from '@llm/config';
import { WorkerAwsError, WorkerRefusal } from './errors';

/** EC2 answers these per zone: another subnet in another zone may succeed. */
const ZONAL_CAPACITY_CODES = new Set(['InsufficientInstanceCapacity', 'InsufficientCapacity', 'Unsupported']);
/** The account's vCPU or instance limit for the family. */
const QUOTA_CODES = new Set(['VcpuLimitExceeded', 'InstanceLimitExceeded']);

export function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

export function isZonalCapacityError(error: unknown): boolean {
  return ZONAL_CAPACITY_CODES.has(errorCode(error) ?? '');
}

/** The Service Quotas code that covers the workers' family (e.g. L-DB2E81BA for g5), whether or not the config asks for it. */
export function quotaCodeOf(workers: ResolvedWorkers): WorkerQuotaCode {
  if (workers.quota) return workers.quota.code as WorkerQuotaCode;
  const quotaClass = WORKER_FAMILIES[workers.family].quotaClass;
  return (Object.keys(WORKER_QUOTA_CODES) as WorkerQuotaCode[]).find((code) => WORKER_QUOTA_CODES[code].quotaClass === quotaClass) as WorkerQuotaCode;
}

export interface LaunchFailureContext {
  readonly workers: ResolvedWorkers;
  readonly region: string;
  /** Zones tried, for capacity errors. */
  readonly zones: readonly string[];
}

/** RunInstances failed: quota and capacity errors get their hint, anything else goes through awsFailure. */
export function launchFailure(error: unknown, context: LaunchFailureContext): Error {
  const { workers, region } = context;
  const code = errorCode(error) ?? '';
  const detail = `${code}: ${oneLine(error)}`;
  if (QUOTA_CODES.has(code)) {
    const quotaCode = quotaCodeOf(workers);
    const fromConfig = workers.quota
      ? `raise workers.quota.vCpus (now ${workers.quota.vCpus} for ${quotaCode}) and apply the stack`
      : `set workers.quota { code: '${quotaCode}', vCpus: N } and apply the stack`;
    return new WorkerAwsError(
      `EC2 refused a ${workers.instanceType} in ${region}, quota reached (${detail}); request more vCPUs: ${fromConfig}, or aws service-quotas request-service-quota-increase --service-code ec2 --quota-code ${quotaCode} --desired-value N --region ${region}`,
    );
  }
  if (ZONAL_CAPACITY_CODES.has(code)) {
    const zones = context.zones.length > 0 ? context.zones.join(', ') : region;
    return new WorkerAwsError(
      `EC2 has no ${
        workers.instanceType
      } for this launch in ${zones} (${detail}); try again later, another instance type (workers.instanceType) or another region; if it is a quota, request it (Service Quotas code ${quotaCodeOf(
        workers,
      )})`,
    );
  }
  return awsFailure('RunInstances', error);
}

/** Any other AWS error: the operation, AWS's code and message, and for the usual suspects what to check. */
export function awsFailure(operation: string, error: unknown): Error {
  const code = errorCode(error) ?? 'Error';
  if (code === 'CredentialsProviderError')
    return new WorkerAwsError(`no AWS credentials for ${operation} (${oneLine(error)}); set AWS_PROFILE or the AWS_* variables`);
  const hint =
    code === 'UnauthorizedOperation' || code === 'AccessDenied' || code === 'AccessDeniedException'
      ? '; the caller lacks the permission (aws sts decode-authorization-message decodes an encoded message)'
      : code === 'PendingVerification' || code === 'OptInRequired'
        ? '; the account or region is not ready for this launch: see the AWS console'
        : '';
  return new WorkerAwsError(`EC2 ${operation} failed: ${code}: ${oneLine(error)}${hint}`);
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

/** Runs one AWS call, turning an SDK error into awsFailure's line; the CLI's own refusals and errors pass through. */
export async function calling<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WorkerRefusal || error instanceof WorkerAwsError) throw error;
    throw awsFailure(operation, error);
  }
}
