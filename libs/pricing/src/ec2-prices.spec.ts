import { EC2_PRICED_REGIONS, EC2_PRICED_TYPES, EC2_PRICES_AS_OF, EC2_PRICES_SOURCE, ec2HourlyPrice } from './index';

describe('the EC2 on-demand price table', () => {
  it('prices every listed type in every listed region above zero', () => {
    const unpriced = EC2_PRICED_REGIONS.flatMap((region) =>
      EC2_PRICED_TYPES.filter((type) => !((ec2HourlyPrice(region, type) ?? 0) > 0)).map((type) => `${type} in ${region}`),
    );
    expect(unpriced).toEqual([]);
    expect(EC2_PRICED_REGIONS).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'eu-central-1']));
  });

  it('doubles from one size to the next within a burstable family, which catches a shifted column', () => {
    for (const region of EC2_PRICED_REGIONS) {
      for (const family of ['t4g', 't3']) {
        const [small, medium, large] = ['small', 'medium', 'large'].map((size) => ec2HourlyPrice(region, `${family}.${size}`) ?? Number.NaN);
        expect({ region, family, medium: medium / small, large: large / medium }).toEqual({ region, family, medium: 2, large: 2 });
      }
    }
  });

  it('answers undefined, never 0, for a type or region it does not know', () => {
    expect(ec2HourlyPrice('us-east-1', 'p5.48xlarge')).toBeUndefined();
    expect(ec2HourlyPrice('ap-south-1', 't4g.small')).toBeUndefined();
    expect(ec2HourlyPrice('toString', 't4g.small')).toBeUndefined();
    expect(ec2HourlyPrice('us-east-1', 'toString')).toBeUndefined();
  });

  it('is dated and names its page', () => {
    expect(EC2_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(EC2_PRICES_SOURCE).toBe('https://aws.amazon.com/ec2/pricing/on-demand/');
  });
});
