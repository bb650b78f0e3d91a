/**
 * Every environment the cdktf app knows, in deployment order. To add one, create
 * environments/<name>/config.ts and project.json (copy dev's) and list it here.
 */
import { dev } from './dev/config';
import { prod } from './prod/config';
import { staging } from './staging/config';

export const ENVIRONMENTS = [dev, staging, prod];
