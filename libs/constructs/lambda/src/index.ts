// Public API of constructs-lambda; filled by its issue.
export {};
