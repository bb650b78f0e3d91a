/**
 * The monthly cost of one stack before and after its plan: every managed resource priced from
 * libs/pricing in the stack's region, usage from the stack's share of the usage profile. A type
 * the table does not know is listed as unpriced, never counted as 0.
 */
import { isPricedRegion, resourceCost, type CostPart, type PricedRegion, type PricedResource, type PricingContext, type StackUsage } from '@llm/pricing';
import type { JsonObject, PlanJson } from '../input/terraform-json';
import type { CostLine, StackCost } from '../model';
import type { ChangeView } from '../review/change-view';
import type { CostContext } from './context';
import { roundCents } from './money';

/** Where a resource's configuration is, by address without its instance key (`aws_subnet.a[0]` → `aws_subnet.a`). */
function expressionsByAddress(plan: PlanJson): Map<string, JsonObject> {
  const byAddress = new Map<string, JsonObject>();
  for (const resource of plan.configuration?.root_module?.resources ?? []) {
    if (resource.expressions && typeof resource.expressions === 'object') byAddress.set(resource.address, resource.expressions as JsonObject);
  }
  return byAddress;
}

/** The region the plan's default AWS provider is configured for, when it says so as a constant. */
export function planRegion(plan: PlanJson): string | undefined {
  const providers = (
    plan.configuration as { provider_config?: Record<string, { name?: string; expressions?: { region?: { constant_value?: unknown } } }> } | undefined
  )?.provider_config;
  const region = providers?.aws?.expressions?.region?.constant_value;
  return typeof region === 'string' ? region : undefined;
}

interface StateSide {
  readonly resources: PricedResource[];
}

function sides(changes: readonly ChangeView[], expressions: Map<string, JsonObject>): { before: StateSide; after: StateSide } {
  const before: PricedResource[] = [];
  const after: PricedResource[] = [];
  for (const change of changes) {
    if (!change.isManaged) continue;
    const base = { address: change.address, type: change.type, expressions: expressions.get(change.address.replace(/\[[^\]]*\]$/, '')) };
    // A forget leaves the resource running (and billing) but outside the stack: it leaves the stack's estimate.
    if (change.before && !change.isCreate) before.push({ ...base, values: change.before });
    if (change.after && !change.isDelete && !change.isForget) after.push({ ...base, values: change.after });
  }
  return { before: { resources: before }, after: { resources: after } };
}

function pricingContext(region: PricedRegion, side: StateSide, usage: StackUsage | undefined): PricingContext {
  const typeCounts = new Map<string, number>();
  for (const resource of side.resources) typeCounts.set(resource.type, (typeCounts.get(resource.type) ?? 0) + 1);
  const functionInVpc = side.resources.some(
    (resource) => resource.type === 'aws_lambda_function' && Array.isArray(resource.values.vpc_config) && resource.values.vpc_config.length > 0,
  );
  return { region, usage, typeCounts, functionInVpc };
}

interface Priced {
  readonly lines: CostLine[];
  readonly unpriced: Set<string>;
}

function price(side: StateSide, context: PricingContext): Priced {
  const lines: CostLine[] = [];
  const unpriced = new Set<string>();
  for (const resource of side.resources) {
    const parts = resourceCost(resource, context);
    if (!parts) {
      unpriced.add(resource.type);
      continue;
    }
    lines.push(...linesOf(resource, parts));
  }
  return { lines, unpriced };
}

/** One line per resource, and one for its OpenAI spend apart, so the priciest list says where the money goes. */
function linesOf(resource: PricedResource, parts: readonly CostPart[]): CostLine[] {
  const openAi = parts.filter((part) => part.service === 'openai');
  const aws = parts.filter((part) => part.service !== 'openai');
  const line = (type: string, group: readonly CostPart[]): CostLine => ({
    address: resource.address,
    type,
    monthlyUsd: roundCents(group.reduce((sum, part) => sum + part.monthlyUsd, 0)),
    fixedUsd: roundCents(group.filter((part) => part.kind === 'fixed').reduce((sum, part) => sum + part.monthlyUsd, 0)),
    basis: group.length > 0 ? group.map((part) => part.basis).join('; ') : 'no charge',
  });
  return [line(resource.type, aws), ...(openAi.length > 0 ? [line('openai', openAi)] : [])];
}

const total = (lines: readonly CostLine[]) => lines.reduce((sum, line) => sum + line.monthlyUsd, 0);

export interface CostEstimate {
  readonly cost?: StackCost;
  /** Why there is no estimate, for the stack's notes. */
  readonly note?: string;
}

export function estimateStackCost(plan: PlanJson, changes: readonly ChangeView[], context: CostContext | undefined): CostEstimate {
  const region = context?.region ?? planRegion(plan);
  if (!region) return { note: 'cost not estimated: the plan names no region for its AWS provider' };
  if (!isPricedRegion(region)) return { note: `cost not estimated: libs/pricing has no prices for region ${region}` };
  const usage: StackUsage | undefined = context?.usage;
  const { before, after } = sides(changes, expressionsByAddress(plan));
  const was = price(before, pricingContext(region, before, usage));
  const will = price(after, pricingContext(region, after, usage));
  const beforeUsd = roundCents(total(was.lines));
  const afterUsd = roundCents(total(will.lines));
  const fixedUsd = roundCents(will.lines.reduce((sum, line) => sum + line.fixedUsd, 0));
  const lines = [...will.lines]
    .filter((line) => line.monthlyUsd > 0 || line.basis !== 'no charge')
    .sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.address.localeCompare(b.address));
  return {
    cost: {
      region,
      ...(context ? { environment: context.environment } : {}),
      monthlyUsd: { before: beforeUsd, after: afterUsd, delta: roundCents(afterUsd - beforeUsd) },
      fixedUsd,
      usageUsd: roundCents(afterUsd - fixedUsd),
      unpriced: [...new Set([...was.unpriced, ...will.unpriced])].sort(),
      lines,
      ...(usage ? {} : { notes: ['no usage profile (no cost-context.json next to the plan): usage-priced resources are listed without an estimate'] }),
    },
  };
}
