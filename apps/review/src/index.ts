// Public API of review-cli; filled by its issue.
export {};
