// The "what if" counts of GET /api/v1/venues/facets (count_with, count_without): HTTP only, the counting
// is db/search/facet-options.ts. Answers the plain facets too, so one request serves a search form.
import type { Kysely } from 'kysely'
import { facetOptions, parseFacetOptions } from '../../db/search/facet-options.ts'
import { LIST_FILTER_FIELDS, type FilterParams, type SearchFilter } from '../../db/search/filters.ts'
import { countByListValue, countVenues } from '../../db/search/query.ts'
import type { Database } from '../../db/types.ts'
import { HttpProblem } from '../plugins/problem.ts'

export async function answerFacetOptions(
  db: Kysely<Database>,
  params: FilterParams,
  filter: SearchFilter,
  countWith?: string,
  countWithout?: string,
) {
  const parsed = parseFacetOptions(countWith, countWithout)
  const fail = (issues: { field: string; message: string }[]) =>
    new HttpProblem(400, `Paramètre(s) invalide(s) : ${[...new Set(issues.map((i) => i.field))].join(', ')}.`, { errors: issues })
  if (parsed.issues.length) throw fail(parsed.issues)
  const [total, facets, counted] = await Promise.all([
    countVenues(db, filter),
    countByListValue(db, filter, LIST_FILTER_FIELDS),
    facetOptions(db, params, filter, parsed.request),
  ])
  if (counted.issues.length) throw fail(counted.issues)
  return { total, facets, ...counted.options }
}
