/**
 * `npm run dev` as a person runs it: the real process against a fake OpenAI API, whose output after
 * the banner is one line per request, not the handler's pretty-printed records.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai';

const WORKSPACE = resolve(__dirname, '..', '..', '..', '..');

describe('npm run dev', () => {
  let fake: FakeOpenAi;
  let server: ChildProcess | undefined;
  let recordsDir: string;

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    recordsDir = mkdtempSync(join(tmpdir(), 'llm-api-dev-'));
  });
  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGTERM');
    await fake.close();
    rmSync(recordsDir, { recursive: true, force: true });
  });

  it('logs one line per request', async () => {
    // As a person's shell has it: no log level chosen.
    const { POWERTOOLS_LOG_LEVEL: _chosen, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/llm-api/src/local/main.ts'], {
      cwd: WORKSPACE,
      env: {
        ...inherited,
        PORT: '0',
        OPENAI_API_KEY: 'sk-local-0123456789abcdefghijklmnop',
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_ALLOWED_MODELS: 'gpt-4.1-mini',
        LOCAL_RECORDS_DIR: recordsDir,
      },
    });
    server = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const waitFor = async (pattern: RegExp) => {
      for (let tries = 0; tries < 300 && !pattern.test(output); tries++) await new Promise((done) => setTimeout(done, 100));
      return pattern.exec(output);
    };
    const url = (await waitFor(/listening on (http:\/\/\S+)/))?.[1];
    expect(url).toBeDefined();
    const bannerEnd = output.length;

    for (const prompt of ['Say hello', 'Say goodbye']) {
      const answer = await fetch(`${url}/v1/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt }) });
      expect(answer.status).toBe(200);
    }
    await waitFor(/(POST \/v1\/generate -> 200.*\n[\s\S]*){2}/);

    expect(output.slice(bannerEnd).trim().split('\n')).toEqual([
      expect.stringMatching(/^POST \/v1\/generate -> 200 \(\d+ ms\)$/),
      expect.stringMatching(/^POST \/v1\/generate -> 200 \(\d+ ms\)$/),
    ]);
  }, 60_000);
});
