/** Every image is scanned for known vulnerabilities when it is pushed, by the repository or by a registry scanning rule. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { blockOf, blocksOf, isTrue } from '../stack-view';

const SCANNING_FREQUENCIES = ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'];

export const ecrScanOnPush = defineRule(__filename, ['aws_ecr_repository'], (repository, stack) => {
  if (isTrue(blockOf(repository.config.image_scanning_configuration)?.scan_on_push)) return COMPLIANT;
  const name = String(repository.config.name ?? '');
  const registryScans = stack
    .resourcesOfType('aws_ecr_registry_scanning_configuration')
    .flatMap((configuration) => blocksOf(configuration.config.rule))
    .some(
      (rule) =>
        SCANNING_FREQUENCIES.includes(String(rule.scan_frequency)) &&
        blocksOf(rule.repository_filter).some((filter) => wildcardMatches(String(filter.filter ?? ''), name)),
    );
  if (registryScans) return COMPLIANT;
  return nonCompliant(
    'does not scan images on push: image_scanning_configuration scan_on_push is not true and no registry scanning rule covers it',
    'set image_scanning_configuration { scan_on_push = true } (EcrRepository from @llm/constructs/ecr does), or add an aws_ecr_registry_scanning_configuration rule whose filter matches the repository',
  );
});

function wildcardMatches(filter: string, name: string): boolean {
  const pattern = new RegExp(
    `^${filter
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return pattern.test(name);
}
