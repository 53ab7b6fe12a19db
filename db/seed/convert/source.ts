// What a source converter declares: where the data comes from, and its rows as standard input.
import type { Gazetteer } from './gazetteer.ts'

export interface Candidate {
  key: string // producer's identifier of the row, unique in the source (the shipped id is `<slug>-<key>`)
  format: 'v1' | 'v0' // the vocabulary of `raw`: standard v1.0.2 field names, or legacy v0.1
  raw: Record<string, unknown>
  skip?: string // why the row is left out before validation (French, for the README)
  departement?: string // hint for postcode repair
}

export interface SourceContext {
  gazetteer: Gazetteer
}

export interface SourceDefinition {
  slug: string // file name of the shipped CSV, prefix of ids
  producer: string // value of the `source` field
  input: string // path under the shared venues folder
  region: string // as announced by the producer (README)
  licence: string
  origin: string
  notes: string[] // mapping choices worth knowing (README, French)
  candidates(context: SourceContext): Candidate[]
}
