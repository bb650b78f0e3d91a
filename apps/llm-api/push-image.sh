#!/usr/bin/env bash
# Builds the llm-api image from dist/apps/llm-api (run `npm run build` first) and pushes it to ECR
# with an immutable tag (the commit SHA), then prints the digest and writes image-detail.json.
# Run by buildspec.yml in CodeBuild; works the same from a shell with AWS credentials and Docker.
#
#   ECR_REPOSITORY       required, the repository name, e.g. llm-platform-dev-api
#   AWS_ACCOUNT_ID       default: the account of the caller (sts get-caller-identity)
#   AWS_REGION           default: AWS_DEFAULT_REGION
#   LAMBDA_ARCHITECTURE  arm64 (default) or x86_64: the function's architecture
#   IMAGE_TAG            default: CODEBUILD_RESOLVED_SOURCE_VERSION, else `git rev-parse HEAD`
set -euo pipefail

: "${ECR_REPOSITORY:?set ECR_REPOSITORY to the ECR repository name}"
region="${AWS_REGION:-${AWS_DEFAULT_REGION:?set AWS_REGION or AWS_DEFAULT_REGION}}"
account="${AWS_ACCOUNT_ID:-$(aws sts get-caller-identity --query Account --output text)}"
tag="${IMAGE_TAG:-${CODEBUILD_RESOLVED_SOURCE_VERSION:-$(git rev-parse HEAD)}}"
case "${LAMBDA_ARCHITECTURE:-arm64}" in
  arm64) platform=linux/arm64 ;;
  x86_64) platform=linux/amd64 ;;
  *) echo "LAMBDA_ARCHITECTURE must be arm64 or x86_64, got $LAMBDA_ARCHITECTURE" >&2; exit 1 ;;
esac
context=dist/apps/llm-api
[[ -f "$context/index.js" ]] || { echo "$context/index.js is missing: run npm run build first" >&2; exit 1; }

registry="$account.dkr.ecr.$region.amazonaws.com"
uri="$registry/$ECR_REPOSITORY:$tag"
aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry"

# Tags are immutable: a commit already pushed (a re-run) keeps the image it has.
if aws ecr describe-images --region "$region" --repository-name "$ECR_REPOSITORY" --image-ids imageTag="$tag" >/dev/null 2>&1; then
  echo "$uri already exists; not pushing again"
else
  # --provenance=false: a single-manifest image, as Lambda requires.
  docker build --platform "$platform" --provenance=false -f apps/llm-api/Dockerfile -t "$uri" "$context"
  docker push "$uri"
fi

digest="$(aws ecr describe-images --region "$region" --repository-name "$ECR_REPOSITORY" --image-ids imageTag="$tag" \
  --query 'imageDetails[0].imageDigest' --output text)"
echo "Pushed $uri"
echo "Digest $digest"
echo "Deploy as $registry/$ECR_REPOSITORY@$digest"
printf '{"imageUri":"%s","imageDigest":"%s","imageRef":"%s"}\n' "$uri" "$digest" "$registry/$ECR_REPOSITORY@$digest" > image-detail.json
