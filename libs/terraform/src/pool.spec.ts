import { defaultPlanConcurrency, mapWithConcurrency, PLAN_PROCESS_BYTES } from './pool';

const GB = 1024 ** 3;

describe('defaultPlanConcurrency', () => {
  it('plans one stack per core when memory allows', () => {
    expect(defaultPlanConcurrency(2, 24 * GB)).toBe(2);
    expect(defaultPlanConcurrency(8, 24 * GB)).toBe(8);
  });

  it('plans fewer than the cores when free memory holds fewer provider processes, never none', () => {
    expect(defaultPlanConcurrency(8, 3 * PLAN_PROCESS_BYTES + 1)).toBe(3);
    expect(defaultPlanConcurrency(8, 100 * 1024 * 1024)).toBe(1);
  });

  it('never plans more than 16 at once', () => {
    expect(defaultPlanConcurrency(64, 256 * GB)).toBe(16);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the input order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([30, 10, 20, 5], 2, async (ms, index) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight--;
      return index;
    });
    expect(results).toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
  });
});
