// Moved to test-support/seed.ts (bench/ and scripts/ use it too); kept so suites' imports stay valid.
export * from '../../../test-support/seed.ts'
