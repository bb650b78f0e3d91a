export {
  awsPrice,
  HOURS_PER_MONTH,
  isPricedRegion,
  PRICE_ITEMS,
  PRICED_REGIONS,
  PRICES_AS_OF,
  type Price,
  type PriceItem,
  type PricedRegion,
} from './aws-prices';
export {
  EC2_PRICED_REGIONS,
  EC2_PRICED_TYPES,
  EC2_PRICES_AS_OF,
  EC2_PRICES_SOURCE,
  ec2HourlyPrice,
  type Ec2PricedRegion,
  type Ec2PricedType,
} from './ec2-prices';
export { modelPrice, OPENAI_PRICES_AS_OF, OPENAI_PRICES_SOURCE, PRICED_MODELS, tokenCostUsd, type ModelPrice } from './openai-prices';
export { endpointZones, pricingKind, resourceCost, type CostPart, type PricedResource, type PricingContext, type PricingKind } from './resource-costs';
export { BYTES_PER_TOKEN, LOG_BYTES_PER_REQUEST, type StackUsage } from './usage';
export { COST_CONTEXT_JSON, costContextSchema, type CostContext } from './cost-context';
