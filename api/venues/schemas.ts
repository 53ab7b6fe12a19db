// The venue as the API shows it: the standard's fields plus our identity, lifecycle and derived data.
import { VENUE_STATUSES } from '../../domain/venue-status.ts'
import { Type, type Static } from '@fastify/type-provider-typebox'

const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const StringList = Type.Array(Type.String())

export const VenueSchema = Type.Object(
  {
    id: Type.String({ description: 'Identifiant stable Maillage (UUID)' }),
    source: Type.String({
      description:
        'Producteur de la donnée (nom de sa source, ex. « gironde ») : filtre `source` de la recherche, `{source}` de ' +
        '/api/v1/sources/{source}/…',
      examples: ['gironde'],
    }),
    source_id: Type.String({
      description:
        'Identifiant du lieu chez le producteur (champ `id` de son fichier au standard), unique dans sa source : ' +
        'filtre `source_id`, et GET|PATCH /api/v1/sources/{source}/venues/{source_id}',
      examples: ['cd33-12'],
    }),
    pivot: Type.String(),
    nom: Type.String(),
    commune: Type.String(),
    code_postal: Type.String(),
    code_insee: NullableString,
    adresse: Type.String(),
    complement_adresse: NullableString,
    latitude: NullableNumber,
    longitude: NullableNumber,
    typologie: StringList,
    telephone: NullableString,
    courriels: StringList,
    site_web: StringList,
    horaires: NullableString,
    presentation_resume: NullableString,
    presentation_detail: NullableString,
    itinerance: StringList,
    structure_parente: NullableString,
    date_maj: Type.String({ format: 'date' }),
    services: StringList,
    publics_specifiquement_adresses: StringList,
    prise_en_charge_specifique: StringList,
    frais_a_charge: StringList,
    dispositif_programmes_nationaux: StringList,
    formations_labels: StringList,
    autres_formations_labels: StringList,
    modalites_acces: StringList,
    modalites_accompagnement: StringList,
    fiche_acces_libre: NullableString,
    prise_rdv: NullableString,
    departement: NullableString,
    region: NullableString,
    status: Type.String({ enum: [...VENUE_STATUSES] }),
    version: Type.Integer(),
    location_approximate: Type.Boolean({ description: 'Position au centre de la commune, faute de coordonnées' }),
    updated_at: Type.String({ format: 'date-time' }),
    distance_m: Type.Optional(Type.Number({ description: 'Distance géodésique (ellipsoïde WGS 84) au point `near`, en mètres' })),
    labels: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.Integer(),
          slug: Type.String(),
          nom: Type.String(),
          issuer: Type.String(),
          granted_on: Type.String(),
          expires_on: Type.Union([Type.String(), Type.Null()]),
        }),
        { description: 'Labels actifs du lieu' },
      ),
    ),
    sponsors: Type.Optional(
      Type.Array(
        Type.Object({
          company_id: Type.String(),
          nom: Type.String(),
          kind: Type.String(),
          started_on: Type.String(),
          ended_on: Type.Union([Type.String(), Type.Null()]),
        }),
        { description: 'Entreprises qui parrainent actuellement le lieu' },
      ),
    ),
    needs: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          kind: Type.String({ description: 'emploi_avenir, don_materiel, fonds_solidarites_numeriques ou mecenat' }),
          description: Type.Union([Type.String(), Type.Null()]),
          local_project: Type.Union([Type.String(), Type.Null()]),
          devices_count: Type.Union([Type.Integer(), Type.Null()]),
          devices_kind: Type.Union([Type.String(), Type.Null()]),
          amount_eur: Type.Union([Type.Number(), Type.Null()]),
          skills: Type.Union([Type.String(), Type.Null()]),
          is_example: Type.Boolean({ description: 'Donnée de démonstration (« exemple fictif »)' }),
        }),
        { description: 'Besoins ouverts du lieu (ce qu’il cherche auprès d’un parrain)' },
      ),
    ),
    open_now: Type.Optional(
      Type.Union([Type.Boolean(), Type.Null()], {
        description: 'Ouvert maintenant (heure de Paris, jours fériés compris) ; null sans horaires lisibles',
      }),
    ),
    next_opening: Type.Optional(
      Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'Prochaine ouverture (instant ISO 8601), null si inconnue',
      }),
    ),
  },
  { additionalProperties: true },
)
export type Venue = Static<typeof VenueSchema>

export const VenueListSchema = Type.Object({
  items: Type.Array(VenueSchema),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'À passer en `cursor` pour la page suivante ; null à la fin' }),
})

export const VenueIdParams = Type.Object({ id: Type.String({ description: 'Identifiant du lieu' }) })

export const FacetsSchema = Type.Object({
  total: Type.Integer({ description: 'Nombre de lieux qui répondent aux filtres' }),
  facets: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()), {
    description: 'Par champ liste, le nombre de lieux par valeur',
    examples: [{ services: { 'Aide aux démarches administratives': 42 }, frais_a_charge: { Gratuit: 51 } }],
  }),
  facets_alone: Type.Optional(
    Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()), {
      description: 'Pour chaque champ liste filtré : ses comptes sans son propre filtre (ce que donnerait chaque valeur en plus)',
    }),
  ),
  counts_with: Type.Optional(
    Type.Record(Type.String(), Type.Integer(), { description: 'Pour chaque élément de `count_with` : le total avec ce filtre' }),
  ),
  counts_without: Type.Optional(
    Type.Record(Type.String(), Type.Integer(), { description: 'Pour chaque nom de `count_without` : le total sans ce filtre' }),
  ),
})
