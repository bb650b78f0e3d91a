/**
 * `npm run dev` (or `nx serve llm-api`): serves the function on http://127.0.0.1:$PORT as the HTTP
 * API would, plus the Lambda Invoke API, with OpenAI reached through OPENAI_API_KEY (or
 * OPENAI_BASE_URL) and records kept in LOCAL_RECORDS_DIR unless OUTPUT_BUCKET_NAME is set.
 */
import { ConfigError } from '../errors';
import { startLocalApp } from './index';

// Readable logs and no EMF metric blobs on a terminal, unless asked otherwise; the server prints one
// line per request, so the handler's INFO records (two pretty-printed objects a request) stay quiet
// unless POWERTOOLS_LOG_LEVEL=INFO asks for them. Warnings and errors still print.
process.env.POWERTOOLS_DEV ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

async function main(): Promise<void> {
  const portText = process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new ConfigError([`PORT must be an integer 0..65535, got "${portText}"`]);
  const app = await startLocalApp(process.env, { port, onRequest: (line) => console.log(line) });
  const openai = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1 (the real OpenAI API)';
  const key = process.env.OPENAI_API_KEY_SECRET_ARN
    ? 'Secrets Manager (OPENAI_API_KEY_SECRET_ARN)'
    : process.env.OPENAI_API_KEY
      ? 'OPENAI_API_KEY'
      : 'none (placeholder)';
  console.log(
    [
      `llm-api listening on ${app.server.url}`,
      `  HTTP API:    curl -s ${app.server.url}/v1/generate -H 'content-type: application/json' -d '{"prompt":"Say hello"}'`,
      `  Lambda API:  endpoint ${app.server.url} (InvokeCommand, any function name)`,
      `  OpenAI:      ${openai}, key from ${key}`,
      `  records:     ${app.records}`,
      `  logs:        one line per request (POWERTOOLS_LOG_LEVEL=INFO npm run dev adds the handler's records)`,
    ].join('\n'),
  );
  const stop = () => {
    app.server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
