/**
 * Every environment the cdktf app knows, in deployment order: the one list the app, the tests and
 * the workflows read. To add one: `npm run new:environment -- --name <name> --from dev --region <region>`
 * (README, Add an environment), which writes environments/<name>/ and lists it here.
 */
import { dev } from './dev/config';
import { prod } from './prod/config';
import { staging } from './staging/config';

export const ENVIRONMENTS = [dev, staging, prod];
