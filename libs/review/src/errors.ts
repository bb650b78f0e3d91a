/**
 * Errors the review reports to its user: each says which file (or option), what is wrong with it
 * and what to pass instead, on one line, so the CLI can print it without a stack trace.
 */

/** Bad input: a file that is missing, empty, not JSON, or not the Terraform JSON expected. */
export class ReviewInputError extends Error {
  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
    this.name = 'ReviewInputError';
  }
}

/** A review option that cannot be used, such as a suppression without a reason. */
export class ReviewOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewOptionError';
  }
}

/** Terraform 1.0 writes format 0.2 (seen in real 1.0.3 plans); 1.1 and later write 1.x. */
const READABLE_FORMATS = 'this review reads format 1.x and 0.2 (Terraform >= 1.0)';

const PLAN_HINT = 'pass the output of `terraform show -json <planfile>` or a stack directory holding plan.json';

export const inputErrors = {
  missing: (source: string) => new ReviewInputError(source, 'no such file or directory'),
  unreadable: (source: string, reason: string) => new ReviewInputError(source, `cannot be read (${reason})`),
  directoryWithoutPlan: (source: string) => new ReviewInputError(source, `is a directory without plan.json; run \`npm start\` to plan it, or ${PLAN_HINT}`),
  directoryAsState: (source: string) =>
    new ReviewInputError(source, 'is a directory; --state takes a state file (terraform.tfstate or `terraform show -json` of a state)'),
  empty: (source: string) => new ReviewInputError(source, 'is empty; expected Terraform JSON'),
  invalidCostContext: (source: string, detail: string) =>
    new ReviewInputError(source, `is not a cost context as the synth writes it (${detail}); run \`npm start\` again to rewrite it`),
  notJson: (source: string, detail: string) => new ReviewInputError(source, `is not JSON (${detail})`),
  notAnObject: (source: string, kind: string) => new ReviewInputError(source, `is JSON ${kind}, not a Terraform plan or state object`),
  notTerraform: (source: string) =>
    new ReviewInputError(source, `is JSON but neither a Terraform plan nor a state (no format_version or version field); ${PLAN_HINT}`),
  stateGivenAsPlan: (source: string) =>
    new ReviewInputError(source, 'is a Terraform state, not a plan; pass it with --state, or pass a plan (`terraform show -json <planfile>`)'),
  planGivenAsState: (source: string) => new ReviewInputError(source, 'is a Terraform plan, not a state; pass it without --state'),
  configGivenAsPlan: (source: string) => new ReviewInputError(source, `is a Terraform configuration (cdk.tf.json), not a plan; ${PLAN_HINT}`),
  unknownPlanFormat: (source: string, version: unknown) =>
    new ReviewInputError(source, `has plan format_version ${JSON.stringify(version)}; ${READABLE_FORMATS}`),
  unknownStateFormat: (source: string, version: unknown) =>
    new ReviewInputError(source, `has state format_version ${JSON.stringify(version)}; ${READABLE_FORMATS}`),
  binaryPlanfile: (source: string) =>
    new ReviewInputError(source, 'is a binary planfile, not its JSON; run `terraform show -json <planfile> > plan.json` and pass plan.json'),
  unknownStateVersion: (source: string, version: unknown) =>
    new ReviewInputError(source, `is a state file of version ${JSON.stringify(version)}; this review reads version 4 (Terraform >= 0.12)`),
  erroredPlan: (source: string) =>
    new ReviewInputError(source, 'is a plan that Terraform marked as errored (errored: true); fix the plan errors and plan again'),
  malformed: (source: string, where: string, expected: string) =>
    new ReviewInputError(source, `${where} ${expected}; is this unmodified \`terraform show -json\` output?`),
  notConfiguration: (source: string) =>
    new ReviewInputError(source, 'is not a Terraform JSON configuration (expected an object with resource, data or module blocks)'),
};

export const optionErrors = {
  suppressionWithoutReason: (rule: string, address: string) =>
    new ReviewOptionError(`suppression of ${rule} for ${address} needs a reason of at least 10 characters, saying why the finding is acceptable`),
  unknownRule: (rule: string, known: readonly string[]) => new ReviewOptionError(`unknown rule "${rule}"; rules are ${known.join(', ')}`),
  unknownGate: (gate: string, known: readonly string[]) => new ReviewOptionError(`unknown --fail-on value "${gate}"; use ${known.join(', ')}`),
  unknownFormat: (format: string, known: readonly string[]) => new ReviewOptionError(`unknown format "${format}"; use ${known.join(', ')}`),
};
