// Public API of constructs-budgets; filled by its issue.
export {};
