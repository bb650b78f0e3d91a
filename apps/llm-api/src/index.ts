/**
 * The Lambda entry point (`index.handler`): configuration is read and checked once, when the
 * module loads, so a missing variable fails the init with a message that names it.
 */
import { loadConfig } from './config';
import { createHandler } from './handler';
import { createDependencies } from './runtime';

export type { GenerateAnswer, GenerateHandler } from './handler';

export const handler = createHandler(createDependencies(loadConfig(process.env, 'lambda')));
