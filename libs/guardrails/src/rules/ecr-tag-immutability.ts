/** Image tags are immutable, so a tag (a commit SHA) always names the same image and cannot be overwritten. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';

export const ecrTagImmutability = defineRule(__filename, ['aws_ecr_repository'], (repository) => {
  const mutability = repository.config.image_tag_mutability;
  if (typeof mutability === 'string' && mutability.startsWith('IMMUTABLE')) return COMPLIANT;
  return nonCompliant(
    `lets a push overwrite an existing tag: image_tag_mutability is ${mutability === undefined ? 'not set (MUTABLE)' : String(mutability)}`,
    'set image_tag_mutability = "IMMUTABLE" (EcrRepository from @llm/constructs/ecr does)',
  );
});
