// The counts shown beside the filters, and the ways out of an empty result, from ONE facets request per
// search: the query asks the facets route for every "what if" at once (count_with / count_without), and
// the answer is read back here. Pure (no DOM): unit-tested in tests/unit/map-counts.test.ts.
import { LIST_FILTERS, type MapListField } from '../../domain/list-filters.ts'
import { filterParams, type FacetOptions } from './api.ts'
import { FLAG_FILTERS, flagItem, type FlagKey } from './flags.ts'
import { RADII_KM, type AppState } from './state.ts'

export interface FilterCounts {
  lists: Partial<Record<MapListField, Record<string, number>>>
  flags: Partial<Record<FlagKey, number>>
  labels: Record<string, number>
}

/** A way out of an empty result: what it says, how many venues it gives, the change it makes. */
export interface RelaxationSpec {
  label: string
  count: number
  change(state: AppState): void
  fit?: boolean
}

/** The next radius offered after the current one (none past the largest). */
export function widerRadius(state: AppState): number | null {
  return RADII_KM.map((km) => km * 1000).find((r) => r > state.radius) ?? null
}

const labelItem = (slug: string) => `labels:${slug}`

/** The facets query of a search: its filters, plus every count the form shows. */
export function countsQuery(state: AppState, labelSlugs: readonly string[]): URLSearchParams {
  const p = filterParams(state)
  const wider = state.place ? widerRadius(state) : null
  const withItems = [...FLAG_FILTERS.map(flagItem), ...labelSlugs.map(labelItem), ...(wider ? [`radius:${wider}`] : [])]
  const without = [
    ...LIST_FILTERS.filter(({ field }) => state.lists[field]?.length).map(({ field }) => field),
    ...FLAG_FILTERS.filter((f) => state[f.key]).map((f) => f.param),
    ...(state.labels.length ? ['labels'] : []),
  ]
  if (withItems.length) p.set('count_with', withItems.join('|'))
  if (without.length) p.set('count_without', without.join('|'))
  return p
}

/** Each option's count is the results if it were ticked too; a ticked list field counts without itself. */
export function readCounts(answer: FacetOptions, labelSlugs: readonly string[]): FilterCounts {
  const lists = { ...answer.facets, ...answer.facets_alone } as FilterCounts['lists']
  const flags = Object.fromEntries(FLAG_FILTERS.map((f) => [f.key, answer.counts_with[flagItem(f)]])) as FilterCounts['flags']
  const labels = Object.fromEntries(labelSlugs.map((slug) => [slug, answer.counts_with[labelItem(slug)]]))
  return { lists, flags, labels }
}

/** Every filter that could be removed (or the radius widened), with what it would give. */
export function readRelaxations(state: AppState, answer: FacetOptions): RelaxationSpec[] {
  const out: RelaxationSpec[] = []
  for (const { field, title } of LIST_FILTERS) {
    const values = state.lists[field]
    if (!values?.length) continue
    out.push({
      label: `Retirer le filtre « ${title} : ${values.join(', ')} »`,
      count: answer.counts_without[field] ?? 0,
      change: (s) => {
        delete s.lists[field]
      },
    })
  }
  for (const f of FLAG_FILTERS) {
    if (state[f.key])
      out.push({
        label: `Retirer « ${f.label} »`,
        count: answer.counts_without[f.param] ?? 0,
        change: (s) => {
          s[f.key] = false
        },
      })
  }
  if (state.labels.length)
    out.push({
      label: 'Retirer le filtre des labels',
      count: answer.counts_without.labels ?? 0,
      change: (s) => {
        s.labels = []
      },
    })
  const wider = state.place ? widerRadius(state) : null
  if (wider) {
    out.push({
      label: `Élargir la recherche à ${wider / 1000} km`,
      count: answer.counts_with[`radius:${wider}`] ?? 0,
      change: (s) => {
        s.radius = wider
      },
      fit: true,
    })
  }
  return out
}
