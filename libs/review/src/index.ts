// Public API of review; filled by its issue.
export {};
