/** Building a Lambda function's zip asset: esbuild bundle, deterministic zip, a size report. */
export { bundleFunction, largestInputs, workspaceRelativeMap, type BundleOptions, type BundleResult, type InputSize } from './bundle';
export { runBuildScript } from './cli';
export { formatBundle, formatLimit } from './format';
export { deterministicZip } from './zip';
