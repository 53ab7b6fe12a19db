// "What if" counts for a search form, answered in one request: each list field counted without its own
// filter (so ticking one more value says how many it gives), and the total with one parameter added or
// set (`open_at:now`, `labels:netpublic`, `radius:20000`) or with one removed. The map shows all of
// these next to its filters; asked one by one they cost a dozen requests per search.
import type { Kysely } from 'kysely'
import type { Database } from '../types.ts'
import {
  FILTER_PARAM_NAMES,
  parseFilterParams,
  type FilterIssue,
  type FilterParams,
  type ListFilterField,
  type SearchFilter,
} from './filters.ts'
import { countByListValue, countVenues } from './query.ts'

export interface FacetOptionsRequest {
  /** `name:value` items, each counted as if that parameter were set to that value on top of the filters. */
  with: string[]
  /** Parameter names, each counted as if that parameter were absent. */
  without: string[]
}

export interface FacetOptions {
  /** Per list field that the filters restrict: its counts without its own restriction. */
  facets_alone: Record<string, Record<string, number>>
  counts_with: Record<string, number>
  counts_without: Record<string, number>
}

const FILTER_NAMES = new Set<string>(FILTER_PARAM_NAMES)

/** Reads `count_with` / `count_without` (items separated by `|`); issues name the parameter at fault. */
export function parseFacetOptions(
  countWith: string | undefined,
  countWithout: string | undefined,
): { request: FacetOptionsRequest; issues: FilterIssue[] } {
  const issues: FilterIssue[] = []
  const split = (text: string | undefined) =>
    (text ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean)
  const withItems = split(countWith)
  const withoutItems = split(countWithout)
  for (const item of withItems) {
    const name = item.slice(0, item.indexOf(':'))
    if (!item.includes(':') || !FILTER_NAMES.has(name))
      issues.push({ field: 'count_with', message: `« ${item} » : attendu « paramètre:valeur » avec un paramètre de filtre` })
  }
  for (const name of withoutItems) {
    if (!FILTER_NAMES.has(name)) issues.push({ field: 'count_without', message: `« ${name} » n’est pas un paramètre de filtre` })
  }
  if (withItems.length + withoutItems.length > 40) issues.push({ field: 'count_with', message: 'au plus 40 comptes par requête' })
  return { request: { with: withItems, without: withoutItems }, issues }
}

function variant(params: FilterParams, change: (p: FilterParams) => void): { filter: SearchFilter; issues: FilterIssue[] } {
  const copy = { ...params }
  change(copy)
  return parseFilterParams(copy)
}

/** Every count of `request`, under the filters `params` (already validated by the caller). */
export async function facetOptions(
  db: Kysely<Database>,
  params: FilterParams,
  filter: SearchFilter,
  request: FacetOptionsRequest,
): Promise<{ options: FacetOptions; issues: FilterIssue[] }> {
  const options: FacetOptions = { facets_alone: {}, counts_with: {}, counts_without: {} }
  const issues: FilterIssue[] = []
  const totals: { into: Record<string, number>; key: string; filter: SearchFilter }[] = []
  for (const item of request.with) {
    const at = item.indexOf(':')
    const v = variant(params, (p) => {
      p[item.slice(0, at) as keyof FilterParams] = item.slice(at + 1)
    })
    issues.push(...v.issues.map((i) => ({ field: 'count_with', message: `${item} : ${i.message}` })))
    totals.push({ into: options.counts_with, key: item, filter: v.filter })
  }
  for (const name of request.without) {
    const v = variant(params, (p) => {
      delete p[name as keyof FilterParams]
    })
    issues.push(...v.issues.map((i) => ({ field: 'count_without', message: `${name} : ${i.message}` })))
    totals.push({ into: options.counts_without, key: name, filter: v.filter })
  }
  if (issues.length) return { options, issues }
  const alone = (Object.keys(filter.lists) as ListFilterField[]).map(async (field) => {
    const lists = { ...filter.lists }
    delete lists[field]
    options.facets_alone[field] = (await countByListValue(db, { ...filter, lists }, [field]))[field] ?? {}
  })
  await Promise.all([
    ...alone,
    ...totals.map(async (t) => {
      t.into[t.key] = await countVenues(db, t.filter)
    }),
  ])
  return { options, issues }
}
