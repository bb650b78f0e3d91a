import { TEST_BUCKET, TEST_SECRET_ARN } from './testing/harness';

describe('index', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('exports handler once the configuration is valid', async () => {
    process.env = { ...saved, OUTPUT_BUCKET_NAME: TEST_BUCKET, OPENAI_API_KEY_SECRET_ARN: TEST_SECRET_ARN };

    await jest.isolateModulesAsync(async () => {
      expect(typeof (await import('./index')).handler).toBe('function');
    });
  });

  it('refuses to load without its variables, naming them', async () => {
    process.env = { ...saved };
    delete process.env.OUTPUT_BUCKET_NAME;
    delete process.env.OPENAI_API_KEY_SECRET_ARN;

    await expect(
      jest.isolateModulesAsync(async () => {
        await import('./index');
      }),
    ).rejects.toThrow(/OUTPUT_BUCKET_NAME is required[\s\S]*OPENAI_API_KEY_SECRET_ARN is required/);
  });
});
