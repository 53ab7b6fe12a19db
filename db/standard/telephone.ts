// Moved to domain/standard/telephone.ts: the venue editor in the browser checks numbers with the same rule.
export * from '../../domain/standard/telephone.ts'
