// Filters are exact: for random combinations, the API's result set equals filtering every row in memory.
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { ENUM_FIELDS } from '../../../db/standard/index.ts'
import { isOpenAt } from '../../../db/search/opening-hours.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { importSynthetic, TYPOLOGIES } from './search-fixtures.ts'

type ListField = keyof typeof ENUM_FIELDS | 'typologie'
const VALUES: Record<ListField, readonly string[]> = { ...ENUM_FIELDS, typologie: TYPOLOGIES }
const FIELDS = Object.keys(VALUES) as ListField[]

interface Row {
  id: string
  departement: string | null
  region: string | null
  code_insee: string | null
  latitude: number | null
  longitude: number | null
  horaires: string | null
  [field: string]: unknown
}

const INSTANTS = ['2026-03-29T06:30:00Z', '2026-07-14T10:00', '2026-10-25T09:15:00+01:00', '2026-11-25T15:00', '2026-12-25T09:30']

const rare = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb })

const filterArb = fc.record({
  lists: fc
    .subarray(FIELDS, { maxLength: 2 })
    .chain((fields) =>
      fc.tuple(...fields.map((f) => fc.subarray([...VALUES[f]], { minLength: 1, maxLength: 2 }).map((values) => [f, values] as const))),
    ),
  departement: rare(fc.subarray(['33', '75', '69', '974', '988', '2A', '971', '42'], { minLength: 1, maxLength: 3 })),
  region: rare(fc.subarray(['75', '84', '04', '11', '94'], { minLength: 1, maxLength: 2 })),
  commune: rare(fc.subarray(['33063', '33281', '97411', '98818', '69383'], { minLength: 1, maxLength: 2 })),
  bbox: rare(
    fc
      .tuple(
        fc.double({ min: -5, max: 4, noNaN: true }),
        fc.double({ min: 42, max: 47, noNaN: true }),
        fc.double({ min: 1, max: 9, noNaN: true }),
        fc.double({ min: 2, max: 6, noNaN: true }),
      )
      .map(([minLon, minLat, width, height]) => [minLon, minLat, minLon + width, minLat + height] as const),
  ),
  sponsored: rare(fc.boolean()),
  fiche_acces_libre: rare(fc.boolean()),
  labels: rare(fc.subarray(['netpublic', 'pix'], { minLength: 1 })),
  open_at: rare(fc.constantFrom(...INSTANTS)),
  limit: fc.integer({ min: 7, max: 120 }),
})

describeEachApp('GET /api/v1/venues filters', (ctx) => {
  let rows: Row[] = []
  const labelled = { netpublic: new Set<string>(), pix: new Set<string>() }
  const sponsored = new Set<string>()

  beforeAll(async () => {
    const db = ctx.database.db
    await importSynthetic(db, 300, 11)
    // One venue in three gets an accessibility sheet (test data, written directly).
    const ids = (await db.selectFrom('venues').select('id').orderBy('id').execute()).map((r) => r.id)
    await db
      .updateTable('venues')
      .set({ fiche_acces_libre: 'https://acceslibre.beta.gouv.fr/app/erp/essai/' })
      .where(
        'id',
        'in',
        ids.filter((_, i) => i % 3 === 0),
      )
      .execute()
    rows = (await db.selectFrom('venues').selectAll().where('status', '=', 'published').orderBy('id').execute()) as unknown as Row[]
    expect(rows.length).toBe(300)
    // Labels: active awards, plus a revoked one and an expired one that must not count.
    const [netpublic, pix] = await Promise.all(
      ['essai-netpublic', 'essai-pix'].map((slug) =>
        db
          .insertInto('labels')
          .values({ slug, nom: slug.toUpperCase() } as never)
          .returning('id')
          .executeTakeFirstOrThrow(),
      ),
    )
    const grant = (venue: Row, labelId: number, extra: Record<string, unknown> = {}) =>
      db
        .insertInto('venue_labels')
        .values({ venue_id: venue.id, label_id: labelId, granted_on: '2025-01-01', ...extra } as never)
        .execute()
    for (const [i, venue] of rows.entries()) {
      if (i % 7 === 0) {
        await grant(venue, netpublic.id)
        labelled.netpublic.add(venue.id)
      }
      if (i % 11 === 0) {
        await grant(venue, pix.id)
        labelled.pix.add(venue.id)
      }
      if (i % 13 === 1) await grant(venue, pix.id, { revoked_on: '2025-06-01', revoked_reason: 'test' })
      if (i % 17 === 2) await grant(venue, netpublic.id, { expires_on: '2025-12-31' })
    }
    const company = await db
      .insertInto('companies')
      .values({ siret: '12345678901234', nom: 'Entreprise test' } as never)
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [i, venue] of rows.entries()) {
      if (i % 5 === 0) {
        await db
          .insertInto('sponsorships')
          .values({ company_id: company.id, venue_id: venue.id, kind: 'mecenat', started_on: '2025-01-01' } as never)
          .execute()
        sponsored.add(venue.id)
      }
      if (i % 9 === 4)
        await db
          .insertInto('sponsorships')
          .values({
            company_id: company.id,
            venue_id: venue.id,
            kind: 'don_materiel',
            started_on: '2024-01-01',
            ended_on: '2024-12-31',
          } as never)
          .execute()
    }
  })

  function expected(filter: Record<string, unknown>): string[] {
    const f = filter as unknown as {
      lists: [ListField, string[]][]
      departement?: string[]
      region?: string[]
      commune?: string[]
      bbox?: readonly number[]
      sponsored?: boolean
      fiche_acces_libre?: boolean
      labels?: ('netpublic' | 'pix')[]
      open_at?: string
    }
    return rows
      .filter((row) => {
        for (const [field, values] of f.lists) if (!values.some((v) => (row[field] as string[]).includes(v))) return false
        if (f.departement && !f.departement.includes(row.departement ?? '')) return false
        if (f.region && !f.region.includes(row.region ?? '')) return false
        if (f.commune && !f.commune.includes(row.code_insee ?? '')) return false
        if (f.bbox) {
          const [a, b, c, d] = f.bbox
          if (
            row.longitude === null ||
            row.latitude === null ||
            row.longitude < a ||
            row.longitude > c ||
            row.latitude < b ||
            row.latitude > d
          )
            return false
        }
        if (f.sponsored !== undefined && sponsored.has(row.id) !== f.sponsored) return false
        if (f.fiche_acces_libre !== undefined && Boolean(row.fiche_acces_libre) !== f.fiche_acces_libre) return false
        if (f.labels && !f.labels.some((l) => labelled[l].has(row.id))) return false
        if (f.open_at && !isOpenAt(row.horaires, parseInstant(f.open_at))) return false
        return true
      })
      .map((row) => row.id)
  }

  function toQuery(filter: Record<string, unknown>): string {
    const params = new URLSearchParams()
    for (const [field, values] of filter.lists as [string, string[]][]) params.set(field, values.join(','))
    for (const key of ['departement', 'region', 'commune'] as const) if (filter[key]) params.set(key, (filter[key] as string[]).join(','))
    if (filter.labels) params.set('labels', (filter.labels as string[]).map((l) => `essai-${l}`).join(','))
    if (filter.bbox) params.set('bbox', (filter.bbox as number[]).join(','))
    if (filter.sponsored !== undefined) params.set('sponsored', String(filter.sponsored))
    if (filter.fiche_acces_libre !== undefined) params.set('fiche_acces_libre', String(filter.fiche_acces_libre))
    if (filter.open_at) params.set('open_at', filter.open_at as string)
    params.set('limit', String(filter.limit))
    return params.toString()
  }

  it('returns exactly the rows an in-memory filter keeps, paged without gaps (random combinations)', async () => {
    let nonEmpty = 0
    await fc.assert(
      fc.asyncProperty(filterArb, async (filter) => {
        const ids: string[] = []
        let cursor: string | null = null
        let pages = 0
        do {
          const response = await ctx.app.inject({ url: `/api/v1/venues?${toQuery(filter)}${cursor ? `&cursor=${cursor}` : ''}` })
          expect(response.statusCode, response.body).toBe(200)
          const body = response.json() as { items: { id: string }[]; next_cursor: string | null }
          expect(body.items.length).toBeLessThanOrEqual(filter.limit)
          ids.push(...body.items.map((i) => i.id))
          cursor = body.next_cursor
        } while (cursor && ++pages < 100)
        const want = expected(filter as never)
        if (want.length > 0) nonEmpty++
        expect(ids).toEqual(want)
      }),
      { numRuns: 60, seed: 4242 },
    )
    expect(nonEmpty).toBeGreaterThan(15)
  })

  it('facets count each list value under the same filters', async () => {
    const response = await ctx.app.inject({ url: '/api/v1/venues/facets?departement=33,974&frais_a_charge=Gratuit' })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json() as { total: number; facets: Record<string, Record<string, number>> }
    const kept = rows.filter((r) => ['33', '974'].includes(r.departement ?? '') && (r.frais_a_charge as string[]).includes('Gratuit'))
    expect(body.total).toBe(kept.length)
    for (const field of FIELDS) {
      const counts: Record<string, number> = {}
      for (const r of kept) for (const v of r[field] as string[]) counts[v] = (counts[v] ?? 0) + 1
      expect(body.facets[field], field).toEqual(counts)
    }
    expect(body.facets.frais_a_charge.Gratuit).toBe(kept.length)
  })

  it('facets honour open_at', async () => {
    const response = await ctx.app.inject({ url: '/api/v1/venues/facets?open_at=2026-07-14T10:00' })
    const at = parseInstant('2026-07-14T10:00')
    const kept = rows.filter((r) => isOpenAt(r.horaires, at))
    expect(response.json().total).toBe(kept.length)
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(rows.length)
  })

  it('an unknown value is a 400 listing the allowed ones; unknown parameters are a 400', async () => {
    const response = await ctx.app.inject({ url: '/api/v1/venues?services=Aide aux démarches administratives,Jardinage' })
    expect(response.statusCode).toBe(400)
    const problem = response.json()
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(problem.errors[0].field).toBe('services')
    expect(problem.errors[0].message).toContain('Jardinage')
    expect(problem.errors[0].message).toContain('Maîtrise des outils numériques du quotidien')
    const unknown = await ctx.app.inject({ url: '/api/v1/venues?servicez=x' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors[0].field).toBe('servicez')
    const badCursor = await ctx.app.inject({ url: '/api/v1/venues?cursor=nope' })
    expect(badCursor.statusCode).toBe(400)
  })

  it('q is accent-, case- and hyphen-insensitive and tolerates a typo', async () => {
    const byName = (name: string) => rows.filter((r) => (r.nom as string).includes(name)).map((r) => r.id)
    const q = async (text: string) =>
      ((await ctx.app.inject({ url: `/api/v1/venues?q=${encodeURIComponent(text)}&limit=1000` })).json().items as { id: string }[])
        .map((i) => i.id)
        .sort()
    const mediatheques = byName('Médiathèque').sort()
    expect(mediatheques.length).toBeGreaterThan(5)
    expect(await q('MEDIATHEQUE')).toEqual(mediatheques)
    expect(await q('médiathèque')).toEqual(mediatheques)
    expect(await q('mediatheqeu')).toEqual(mediatheques)
    const tiers = byName('Tiers-lieu').sort()
    expect(await q('tiers lieu')).toEqual(tiers)
    const stEtienne = rows
      .filter((r) => r.commune === 'Saint-Étienne')
      .map((r) => r.id)
      .sort()
    expect(await q('st etienne')).toEqual(stEtienne)
    const merignacTiers = rows
      .filter((r) => r.commune === 'Mérignac' && (r.nom as string).startsWith('Tiers-lieu'))
      .map((r) => r.id)
      .sort()
    expect(await q('tiers-lieu merignac')).toEqual(merignacTiers)
    // Ranked by relevance, paged by (score, id): small pages cover the same set once.
    const paged: string[] = []
    let cursor: string | null = null
    do {
      const body = (await ctx.app.inject({ url: `/api/v1/venues?q=mediatheqeu&limit=4${cursor ? `&cursor=${cursor}` : ''}` })).json() as {
        items: { id: string }[]
        next_cursor: string | null
      }
      paged.push(...body.items.map((i) => i.id))
      cursor = body.next_cursor
    } while (cursor && paged.length < 1000)
    expect(paged.slice().sort()).toEqual(mediatheques)
    expect(new Set(paged).size).toBe(paged.length)
    // An exact name ranks first.
    const target = rows.find((r) => (r.nom as string).startsWith('Fab lab'))!
    const first = (await ctx.app.inject({ url: `/api/v1/venues?q=${encodeURIComponent(target.nom as string)}&limit=3` })).json().items[0]
    expect(first.id).toBe(target.id)
  })

  it('GeoJSON and CSV carry the same page', async () => {
    const json = (await ctx.app.inject({ url: '/api/v1/venues?departement=974&limit=5' })).json()
    const geo = await ctx.app.inject({ url: '/api/v1/venues?departement=974&limit=5', headers: { accept: 'application/geo+json' } })
    expect(geo.headers['content-type']).toContain('application/geo+json')
    const fc2 = geo.json()
    expect(fc2.type).toBe('FeatureCollection')
    expect(fc2.features.map((f: { id: string }) => f.id)).toEqual(json.items.map((i: { id: string }) => i.id))
    expect(fc2.features[0].geometry.coordinates).toEqual([json.items[0].longitude, json.items[0].latitude])
    const csv = await ctx.app.inject({ url: '/api/v1/venues?departement=974&limit=5&format=csv' })
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.trim().split('\n')
    expect(lines[0].startsWith('id,pivot,nom,commune,code_postal')).toBe(true)
    expect(lines).toHaveLength(6)
    expect(lines[1]).toContain(json.items[0].nom)
  })

  it('each item carries its active labels and sponsors', async () => {
    const venue = rows[0] // index 0: netpublic + pix + sponsored
    const body = (await ctx.app.inject({ url: `/api/v1/venues?commune=${venue.code_insee}&limit=1000` })).json()
    const item = body.items.find((i: { id: string }) => i.id === venue.id)
    expect(item.labels.map((l: { slug: string }) => l.slug).sort()).toEqual(['essai-netpublic', 'essai-pix'])
    expect(item.sponsors).toHaveLength(1)
    expect(item.sponsors[0].nom).toBe('Entreprise test')
  })
})

function parseInstant(value: string): Date {
  if (/[Z+]|-\d\d:\d\d$/.test(value.slice(10))) return new Date(value)
  // Paris wall time: these test instants are in winter (UTC+1) or summer (UTC+2).
  const month = Number(value.slice(5, 7))
  return new Date(`${value}:00${month >= 4 && month <= 10 ? '+02:00' : '+01:00'}`)
}
