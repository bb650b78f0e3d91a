/**
 * The local run as a library: what `npm run dev` starts, for tests elsewhere (the smoke test)
 * that need the function served on 127.0.0.1.
 */
import { loadConfig } from '../config';
import { createHandler } from '../handler';
import { createDependencies, type DependencyOverrides } from '../runtime';
import { startLocalServer, type LocalServer, type LocalServerOptions } from './server';

export { startLocalServer, type LocalServer, type LocalServerOptions } from './server';
export { localContext, toHttpApiEvent } from './events';

export interface LocalApp {
  readonly server: LocalServer;
  /** Where records are written, e.g. `/repo/.local/generations/ (local folder)` or `s3://bucket/generations/`. */
  readonly records: string;
}

/**
 * Reads the local configuration from `env` (as `npm run dev` does) and serves the handler.
 * Throws `ConfigError` naming any missing or invalid variable.
 */
export async function startLocalApp(
  env: Readonly<Record<string, string | undefined>>,
  options: Omit<LocalServerOptions, 'handler'> = {},
  overrides: DependencyOverrides = {},
): Promise<LocalApp> {
  const dependencies = createDependencies(loadConfig(env, 'local'), overrides);
  const server = await startLocalServer({ ...options, handler: createHandler(dependencies) });
  return { server, records: dependencies.records.description };
}
