// Public API of constructs-ecr; filled by its issue.
export {};
