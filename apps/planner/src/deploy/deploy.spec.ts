import { deploymentWaves } from './deploy';

describe('deploymentWaves', () => {
  const synthesized = ['prod-bootstrap', 'prod-global', 'prod-eu-west-1', 'prod-eu-central-1', 'prod-us-east-1'];

  it('applies bootstrap, then global, then the regions in the order the app made them', () => {
    expect(deploymentWaves('prod', synthesized, false)).toEqual({
      waves: [['prod-bootstrap'], ['prod-global'], ['prod-eu-west-1', 'prod-eu-central-1', 'prod-us-east-1']],
      kept: [],
    });
  });

  it('destroys in reverse order and keeps the bootstrap stack, which holds every other state', () => {
    const { waves, kept } = deploymentWaves('prod', synthesized, true);
    expect(waves).toEqual([['prod-eu-west-1', 'prod-eu-central-1', 'prod-us-east-1'], ['prod-global']]);
    expect(kept.map((entry) => entry.stack)).toEqual(['prod-bootstrap']);
  });
});
