// The query parameters of venue searches, declared once (TypeBox) and shared by the venues, exports, tiles and OGC domains.
import { Type, type TProperties } from '@fastify/type-provider-typebox'
import { LIST_FILTER_FIELDS, LIST_FILTER_VALUES, parseFilterParams, type FilterParams, type SearchFilter } from '../../db/search/filters.ts'
import { HttpProblem } from './problem.ts'

const listFieldParams: TProperties = Object.fromEntries(
  LIST_FILTER_FIELDS.map((field) => [
    field,
    Type.Optional(
      Type.String({
        description:
          `Filtre sur « ${field} » : valeurs canoniques du standard séparées par des virgules ` +
          '(OU entre elles, ET avec les autres filtres). ' +
          (field === 'typologie'
            ? 'Codes de typologie data·inclusion (ex. EPN, FS, MEDIA).'
            : `Valeurs : ${LIST_FILTER_VALUES[field].join(' ; ')}.`),
        examples: [LIST_FILTER_VALUES[field][0]],
      }),
    ),
  ]),
)

/** Every filter parameter (no paging, no format). */
export const FilterProperties: TProperties = {
  near: Type.Optional(
    Type.String({
      description: 'Point « latitude,longitude » : résultats du plus proche au plus lointain (distance géodésique), avec `distance_m`',
      examples: ['44.8378,-0.5792'],
    }),
  ),
  radius: Type.Optional(Type.String({ description: 'Rayon en mètres autour de `near`', examples: ['5000'] })),
  bbox: Type.Optional(Type.String({ description: 'Emprise « minLon,minLat,maxLon,maxLat » (WGS 84)', examples: ['-0.7,44.7,-0.5,44.9'] })),
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Recherche plein texte tolérante (accents, casse, tirets, fautes de frappe) sur le nom, la commune, l’adresse',
      examples: ['mediatheque merignac'],
    }),
  ),
  commune: Type.Optional(Type.String({ description: 'Codes INSEE de communes, séparés par des virgules', examples: ['33281'] })),
  departement: Type.Optional(Type.String({ description: 'Codes de départements, séparés par des virgules', examples: ['33,2A,974'] })),
  region: Type.Optional(Type.String({ description: 'Codes INSEE de régions, séparés par des virgules', examples: ['75'] })),
  labels: Type.Optional(
    Type.String({ description: 'Identifiants (slug) de labels actifs, séparés par des virgules (OU)', examples: ['netpublic'] }),
  ),
  sponsored: Type.Optional(Type.String({ enum: ['true', 'false'], description: 'Lieux avec (true) ou sans (false) parrainage actif' })),
  needs: Type.Optional(
    Type.String({
      description:
        'Lieux qui cherchent un parrain : types de besoin ouverts, séparés par des virgules (OU) — ' +
        'emploi_avenir, don_materiel, fonds_solidarites_numeriques, mecenat — ou `any`',
      examples: ['don_materiel'],
    }),
  ),
  fiche_acces_libre: Type.Optional(
    Type.String({
      enum: ['true', 'false'],
      description: 'Lieux avec (true) ou sans (false) fiche d’accessibilité (champ `fiche_acces_libre`, ex. Acceslibre)',
    }),
  ),
  open_at: Type.Optional(
    Type.String({
      description:
        '« now » ou date ISO 8601 : lieux ouverts à cet instant (heure de Paris si sans décalage ; jours fériés français pris en compte)',
      examples: ['now', '2026-07-14T10:00'],
    }),
  ),
  open_on: Type.Optional(
    Type.String({
      description:
        'Lieux ouverts à un moment de ce jour (heure de Paris) : date AAAA-MM-JJ, ou jour de la semaine ' +
        'mo, tu, we, th, fr, sa, su (le prochain, aujourd’hui compris). Ex. « sa » : ouvert le samedi',
      examples: ['sa', '2026-07-14'],
    }),
  ),
  source: Type.Optional(
    Type.String({ maxLength: 200, description: 'Nom du producteur (champ `source` des lieux), valeur exacte', examples: ['gironde'] }),
  ),
  source_id: Type.Optional(
    Type.String({
      maxLength: 20000,
      description:
        'Identifiants du lieu dans le fichier du producteur (champ `source_id`, l’`id` du standard), ' +
        'séparés par des virgules ; avec `source` pour viser un producteur',
      examples: ['cd33-1'],
    }),
  ),
  ...listFieldParams,
}

/** The filter parameters of a query string, as given. */
export function filterParamsOf(query: Record<string, unknown>): FilterParams {
  const params: FilterParams = {}
  for (const key of Object.keys(FilterProperties)) {
    const value = query[key]
    if (typeof value === 'string') params[key as keyof FilterParams] = value
  }
  return params
}

/** Turns validated query strings into a SearchFilter, or a 400 problem naming each bad parameter. */
export function filterFromQuery(query: Record<string, unknown>): SearchFilter {
  const { filter, issues } = parseFilterParams(filterParamsOf(query))
  if (issues.length > 0) {
    throw new HttpProblem(400, `Paramètre(s) invalide(s) : ${issues.map((i) => i.field).join(', ')}.`, { errors: issues })
  }
  return filter
}

export const FormatParam = Type.Optional(
  Type.String({ enum: ['json', 'geojson', 'csv'], description: 'Format de la réponse (sinon selon l’en-tête Accept)' }),
)
