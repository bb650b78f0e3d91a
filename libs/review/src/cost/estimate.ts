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
import { compareText } from '../text';

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

/**
 * Before or after the plan. A side's resources are made one at a time as they are priced, not
 * listed: a big plan has one per change and side, and only their cost lines are kept.
 */
type Side = 'before' | 'after';

function sideValues(change: ChangeView, side: Side): JsonObject | undefined {
  if (!change.isManaged) return undefined;
  if (side === 'before') return change.before && !change.isCreate ? change.before : undefined;
  // A forget leaves the resource running (and billing) but outside the stack: it leaves the stack's estimate.
  return change.after && !change.isDelete && !change.isForget ? change.after : undefined;
}

function pricingContext(region: PricedRegion, changes: readonly ChangeView[], side: Side, usage: StackUsage | undefined): PricingContext {
  const typeCounts = new Map<string, number>();
  let functionInVpc = false;
  for (const change of changes) {
    const values = sideValues(change, side);
    if (!values) continue;
    typeCounts.set(change.type, (typeCounts.get(change.type) ?? 0) + 1);
    if (change.type === 'aws_lambda_function' && Array.isArray(values.vpc_config) && values.vpc_config.length > 0) functionInVpc = true;
  }
  return { region, usage, typeCounts, functionInVpc };
}

interface Priced {
  readonly lines: CostLine[];
  /** The lines' monthlyUsd added up in their order. */
  readonly totalUsd: number;
  readonly unpriced: Set<string>;
}

/** The side's cost lines (only their total when `keepLines` is false: the before side needs no more). */
function price(changes: readonly ChangeView[], side: Side, context: PricingContext, expressions: Map<string, JsonObject>, keepLines: boolean): Priced {
  const lines: CostLine[] = [];
  let totalUsd = 0;
  const unpriced = new Set<string>();
  for (const change of changes) {
    const values = sideValues(change, side);
    if (!values) continue;
    const resource: PricedResource = {
      address: change.address,
      type: change.type,
      expressions: expressions.get(change.address.replace(/\[[^\]]*\]$/, '')),
      values,
    };
    const parts = resourceCost(resource, context);
    if (!parts) {
      unpriced.add(resource.type);
      continue;
    }
    for (const line of linesOf(resource, parts)) {
      totalUsd += line.monthlyUsd;
      if (keepLines) lines.push(line);
    }
  }
  return { lines, totalUsd, unpriced };
}

/** One line per resource, and one for its OpenAI spend apart, so the priciest list says where the money goes. */
function linesOf(resource: PricedResource, parts: readonly CostPart[]): CostLine[] {
  const openAi = parts.filter((part) => part.service === 'openai');
  const aws = parts.filter((part) => part.service !== 'openai');
  return openAi.length > 0 ? [costLine(resource, resource.type, aws), costLine(resource, 'openai', openAi)] : [costLine(resource, resource.type, aws)];
}

function costLine(resource: PricedResource, type: string, group: readonly CostPart[]): CostLine {
  // Added up in the parts' order, each sum from 0, as the figures have always been.
  let monthlyUsd = 0;
  let fixedUsd = 0;
  for (const part of group) monthlyUsd += part.monthlyUsd;
  for (const part of group) if (part.kind === 'fixed') fixedUsd += part.monthlyUsd;
  return {
    address: resource.address,
    type,
    monthlyUsd: roundCents(monthlyUsd),
    fixedUsd: roundCents(fixedUsd),
    basis: group.length > 0 ? group.map((part) => part.basis).join('; ') : 'no charge',
  };
}

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
  const expressions = expressionsByAddress(plan);
  const was = price(changes, 'before', pricingContext(region, changes, 'before', usage), expressions, false);
  const will = price(changes, 'after', pricingContext(region, changes, 'after', usage), expressions, true);
  const beforeUsd = roundCents(was.totalUsd);
  const afterUsd = roundCents(will.totalUsd);
  const fixedUsd = roundCents(will.lines.reduce((sum, line) => sum + line.fixedUsd, 0));
  const lines = will.lines
    .filter((line) => line.monthlyUsd > 0 || line.basis !== 'no charge')
    .sort((a, b) => b.monthlyUsd - a.monthlyUsd || compareText(a.address, b.address));
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
