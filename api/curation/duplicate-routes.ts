// Likely duplicates: the review queue, detection on demand, merge (survivor keeps everything) and dismiss.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { appendAudit } from '../../db/audit.ts'
import { detectDuplicates, dismissDuplicate, findDuplicate, listDuplicates, mergedContent, mergeVenues } from '../../db/curation/duplicates.ts'
import { territoryCondition } from '../../db/curation/submissions.ts'
import { communeTerritory, findVenue } from '../../db/curation/history.ts'
import { assertTerritory, authorizeVenueWrite, callerOf, type Caller } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { withStoreErrors } from '../../services/store-errors.ts'
import { DuplicateSchema, NumericIdParams } from './schemas.ts'
import { venueResponse } from '../venues/serialize.ts'

const moderators = { access: { roles: ['curator' as const, 'admin' as const] } }
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

type DuplicateRow = NonNullable<Awaited<ReturnType<typeof findDuplicate>>>
function serialize(d: DuplicateRow) {
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())
  return { ...d, created_at: iso(d.created_at)!, resolved_at: iso(d.resolved_at) }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  async function loadPair(id: number, caller: Caller) {
    const d = await findDuplicate(app.db, id)
    if (!d) throw new HttpProblem(404, `Aucun doublon n° ${id}.`)
    const [a, b] = await Promise.all([findVenue(app.db, d.venue_a), findVenue(app.db, d.venue_b)])
    if (!a || !b) throw new HttpProblem(404, 'Un des deux lieux n’existe plus.')
    assertTerritory(caller, a.departement, a.region)
    assertTerritory(caller, b.departement, b.region)
    return { d, a, b }
  }

  app.get('/api/v1/duplicates', {
    config: moderators,
    schema: {
      tags: ['contribution'], summary: 'Doublons probables à examiner',
      description: 'Paires détectées : même SIRET (`pivot`) dans la même commune, ou à moins de 100 m avec des noms proches (similarité trigramme ≥ 0,45). Curateurs : paires dont un lieu est dans leur territoire.',
      security,
      querystring: Type.Object({
        status: Type.String({ enum: ['pending', 'merged', 'dismissed'], default: 'pending' }),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        after: Type.Optional(Type.Integer({ minimum: 0, description: 'Dernier id de la page précédente' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(DuplicateSchema), next_after: Type.Union([Type.Integer(), Type.Null()]) }), ...errors },
    },
  }, async (request) => {
    const caller = callerOf(request)
    const { status, limit, after } = request.query
    const rows = await listDuplicates(app.db, status, caller.role === 'admin' ? null : caller.territories, limit, after ?? null)
    const page = rows.slice(0, limit)
    const items = []
    for (const d of page) {
      const venues = await Promise.all([findVenue(app.db, d.venue_a), findVenue(app.db, d.venue_b)])
      items.push({ ...serialize(d), venues: venues.filter((v) => !!v).map((v) => venueResponse(v!)) })
    }
    return { items, next_after: rows.length > limit ? page[page.length - 1].id : null }
  })

  app.post('/api/v1/duplicates/detect', {
    config: moderators,
    schema: {
      tags: ['contribution'], summary: 'Rechercher les doublons probables',
      description: 'Parcourt les lieux publiés (du territoire pour un curateur) et met en file les nouvelles paires. Les écritures par l’API et les imports le font déjà pour les lieux touchés.',
      security, response: { 200: Type.Object({ queued: Type.Integer() }), ...errors },
    },
  }, async (request) => {
    const caller = callerOf(request)
    const queued = await detectDuplicates(app.db, null, caller.role === 'admin' ? undefined : territoryCondition(caller.territories, 'a'))
    await appendAudit(app.db, { actor: caller.label, action: 'duplicate.detect', entity: 'duplicate', detail: { queued } })
    return { queued }
  })

  app.post('/api/v1/duplicates/:id/merge', {
    config: moderators,
    schema: {
      tags: ['contribution'], summary: 'Fusionner deux doublons',
      description: 'Le survivant garde l’union des listes, complète ses champs vides et note la provenance dans son historique ; l’autre est archivé avec `merged_into` (son ancienne adresse renvoie vers le survivant). Les deux lieux doivent être dans votre territoire.',
      security, params: NumericIdParams,
      body: Type.Object({ survivor: Type.String({ format: 'uuid', description: 'Le lieu conservé (un des deux)' }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ duplicate: DuplicateSchema, survivor: Type.Record(Type.String(), Type.Unknown()) }), 409: ProblemSchema, ...errors },
    },
  }, async (request) => {
    const caller = callerOf(request)
    const { d, a, b } = await loadPair(request.params.id, caller)
    if (d.status !== 'pending') throw new HttpProblem(409, `Ce doublon est déjà ${d.status === 'merged' ? 'fusionné' : 'écarté'}.`)
    const survivorId = request.body.survivor
    if (survivorId !== a.id && survivorId !== b.id) {
      throw new HttpProblem(400, 'Le survivant doit être l’un des deux lieux de la paire.', { errors: [{ field: 'survivor', message: 'ni venue_a ni venue_b' }] })
    }
    const [survivor, other] = survivorId === a.id ? [a, b] : [b, a]
    if (other.status === 'archived' || survivor.status === 'archived') throw new HttpProblem(409, 'Un des deux lieux est archivé : rétablissez-le ou écartez ce doublon.')
    // Both venues change (the survivor's content, the other's status): each through the write gate.
    const filled = mergedContent(survivor, other)
    const result = 'code_insee' in filled ? await communeTerritory(app.db, filled.code_insee ?? null) : survivor
    authorizeVenueWrite(caller, { kind: 'merge', stored: survivor, result: { ...result, source: survivor.source } })
    authorizeVenueWrite(caller, { kind: 'merge', stored: other, result: other })
    const merged = await withStoreErrors(() => app.db.transaction().execute((trx) => mergeVenues(trx, d.id, survivor, other, caller.label)))
    return { duplicate: serialize((await findDuplicate(app.db, d.id))!), survivor: venueResponse(merged) }
  })

  app.post('/api/v1/duplicates/:id/dismiss', {
    config: moderators,
    schema: {
      tags: ['contribution'], summary: 'Écarter un faux doublon', description: 'La paire ne sera plus proposée.',
      security, params: NumericIdParams,
      body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
      response: { 200: DuplicateSchema, 409: ProblemSchema, ...errors },
    },
  }, async (request) => {
    const caller = callerOf(request)
    const { d } = await loadPair(request.params.id, caller)
    if (d.status !== 'pending') throw new HttpProblem(409, 'Ce doublon est déjà traité.')
    const row = await dismissDuplicate(app.db, d.id, caller.label)
    if (!row) throw new HttpProblem(409, 'Ce doublon est déjà traité.')
    await appendAudit(app.db, { actor: caller.label, action: 'duplicate.dismiss', entity: 'duplicate', entity_id: String(d.id), detail: { reason: request.body?.reason ?? null } })
    return serialize(row)
  })
}
export default routes
