/** Runs async work over a list with at most `limit` items in flight, keeping the input order in the result. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency must be a whole number >= 1, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** What one `terraform plan` takes at its peak, the AWS provider process included (measured here: ~600 MB, plus Terraform). */
export const PLAN_PROCESS_BYTES = 700 * 1024 * 1024;
export const MAX_PLAN_CONCURRENCY = 16;

/**
 * Stacks to plan at once when the caller says nothing: one per core, but no more than the free
 * memory holds provider processes, so a laptop with little memory left swaps no plan.
 */
export function defaultPlanConcurrency(cores: number, freeBytes: number): number {
  const byMemory = Math.floor(freeBytes / PLAN_PROCESS_BYTES);
  return Math.max(1, Math.min(MAX_PLAN_CONCURRENCY, cores, byMemory));
}
