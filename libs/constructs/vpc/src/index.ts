// Public API of constructs-vpc; filled by its issue.
export {};
