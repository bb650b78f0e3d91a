import { awsPrice, PRICE_ITEMS, PRICED_REGIONS, PRICES_AS_OF, type PriceItem } from './aws-prices';
import { modelPrice, OPENAI_PRICES_AS_OF, PRICED_MODELS } from './openai-prices';

describe('the price tables', () => {
  it('give every item in every priced region a positive price with its unit and an https source', () => {
    for (const region of PRICED_REGIONS) {
      for (const item of Object.keys(PRICE_ITEMS) as PriceItem[]) {
        const price = awsPrice(region, item);
        expect({
          region,
          item,
          positive: price.usd > 0,
          unit: price.unit.startsWith('USD per '),
          source: price.source.startsWith('https://aws.amazon.com/'),
        }).toEqual({
          region,
          item,
          positive: true,
          unit: true,
          source: true,
        });
      }
    }
  });

  it('are dated, and price every model with input above cached input', () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(OPENAI_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const model of PRICED_MODELS) {
      const price = modelPrice(model);
      expect({ model, ordered: price !== undefined && price.cachedInput < price.input && price.input > 0 && price.output > 0 }).toEqual({
        model,
        ordered: true,
      });
    }
    expect(modelPrice('toString')).toBeUndefined();
  });
});
