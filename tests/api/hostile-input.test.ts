// No 5xx from any input: NUL bytes anywhere, forged cursors, malformed tile paths, requests Node itself
// refuses (bad request line, headers too large) and non-web URLs all get a 4xx problem naming the field.
import net from 'node:net'
import { stringify } from 'csv-stringify/sync'
import { parse } from 'csv-parse/sync'
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { demoCsv } from '../backup/demo-csv.ts'
import { describeEachApp } from '../helpers/databases.ts'

const NEW_VENUE = {
  nom: 'Médiathèque de Bègles',
  adresse: '1 rue Calixte Camelle',
  code_postal: '33130',
  commune: 'Bègles',
  code_insee: '33039',
  latitude: 44.8085,
  longitude: -0.5478,
  services: ['Aide aux démarches administratives'],
  frais_a_charge: ['Gratuit'],
  horaires: 'Mo-Sa 10:00-18:00',
}
const b64 = (text: string) => Buffer.from(text).toString('base64url')

/** One raw HTTP exchange on a listening server: what Node answers before Fastify routes anything. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let data = ''
    socket.on('data', (d) => {
      data += d
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(data))
    socket.write(request)
    setTimeout(() => socket.end(), 2000).unref()
  })
}

function fieldsOf(res: { json(): unknown }): string[] {
  return ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field)
}

describeEachApp('hostile input: 4xx problems, never 5xx', (ctx) => {
  let admin: Record<string, string>
  beforeAll(async () => {
    admin = {
      authorization:
        `Bearer ` + `${(await createApiKey(ctx.database.db, { name: 'Admin', role: 'admin', territories: [], createdBy: 'test' })).key}`,
    }
  })

  it('NUL bytes in the query, the JSON body or a path → 400 naming the field', async () => {
    const q = await ctx.app.inject('/api/v1/venues?q=ab%00cd')
    expect(q.statusCode).toBe(400)
    expect(q.headers['content-type']).toMatch(/problem\+json/)
    expect(fieldsOf(q)).toContain('q')
    const geo = await ctx.app.inject('/api/v1/geocode?q=%00')
    expect(geo.statusCode).toBe(400)
    expect(fieldsOf(geo)).toContain('q')
    const body = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: admin,
      payload: { ...NEW_VENUE, nom: 'Média\u0000thèque' },
    })
    expect(body.statusCode).toBe(400)
    expect(fieldsOf(body)).toContain('nom')
    const nested = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: admin,
      payload: { ...NEW_VENUE, services: ['Aide\u0000'] },
    })
    expect(nested.statusCode).toBe(400)
    expect(fieldsOf(nested).join()).toContain('services')
    const path = await ctx.app.inject('/api/v1/venues/ab%00cd')
    expect(path.statusCode).toBe(400)
    expect(fieldsOf(path)).toContain('id')
    const key = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: { authorization: 'Bearer abc\u0000' },
      payload: NEW_VENUE,
    })
    expect(key.statusCode).toBeLessThan(500)
    expect(key.statusCode).toBeGreaterThanOrEqual(400)
  })

  it('a NUL in an import cell rejects that row naming the field; a raw NUL byte rejects the file as not text', async () => {
    const [header, ...rows] = parse(demoCsv(2).toString('utf8')) as string[][]
    const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
    records[1].adresse = '3 rue du\u0000Nul'
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports?source=nul',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify(records),
    })
    expect(json.statusCode, json.body).toBe(422)
    const report = json.json() as { rows: { row: number; errors: { field: string }[] }[] }
    expect(report.rows.find((r) => r.row === 2)?.errors.map((e) => e.field)).toContain('adresse')
    rows[0][header.indexOf('adresse')] = '3 rue du\u0000Nul'
    const csv = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports?source=nul',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: stringify([header, ...rows]),
    })
    expect(csv.statusCode).toBe(422)
    expect(csv.json().file_error).toContain('octets nuls')
  })

  it('a cursor we did not issue → 400 naming cursor', async () => {
    const forged = [
      b64('{"id":"x"}'),
      b64('{"id":"00000000-0000-0000-0000-00000000000\u0000"}'),
      b64('{"id":"00000000-0000-0000-0000-000000000000","d":1e309}'),
      b64('[]'),
      b64('null'),
      'not base64 at all!',
      b64('{"id":"00000000-0000-0000-0000-000000000000","s":"1"}'),
    ]
    for (const cursor of forged) {
      for (const extra of ['', '&near=44.84,-0.58', '&q=bordeaux']) {
        const res = await ctx.app.inject(`/api/v1/venues?cursor=${encodeURIComponent(cursor)}${extra}`)
        expect(res.statusCode, `${cursor}${extra}: ${res.body}`).toBe(400)
        expect(fieldsOf(res)).toContain('cursor')
      }
    }
    for (const cursor of [b64('{"created_at":"hier","id":"x"}'), b64('{"created_at":"2026-01-01T00:00:00Z","id":"x"}')]) {
      const res = await ctx.app.inject({ url: `/api/v1/submissions?cursor=${cursor}`, headers: admin })
      expect(res.statusCode, res.body).toBe(400)
      expect(fieldsOf(res)).toContain('cursor')
    }
  })

  it('every malformed tile path → 400 problem', async () => {
    const paths = [
      '1e309/1/1.mvt',
      '1/1e309/1.mvt',
      '1/1/1e309.mvt',
      '-1/0/0.mvt',
      '23/0/0.mvt',
      'a/b/c.mvt',
      '1/1/1',
      '1/1/1.png',
      '1.5/0/0.mvt',
      '1/0.5/0.mvt',
      '0/0/99999999999999999999.mvt',
      '0/99999999999999999999/0.mvt',
      '0x1/0/0.mvt',
      '%00/0/0.mvt',
      ' 1/0/0.mvt',
    ]
    for (const p of paths) {
      const res = await ctx.app.inject(`/tiles/venues/${p}`)
      expect(res.statusCode, `${p}: ${res.body}`).toBe(400)
      expect(res.headers['content-type'], p).toMatch(/problem\+json/)
    }
  })

  it('non-web URLs (javascript:, ftp:, data:) → 400 naming the field, in venues, companies and imports', async () => {
    const cases: [string, unknown][] = [
      ['site_web', ['javascript:alert(1)']],
      ['prise_rdv', 'ftp://exemple.fr/rdv'],
      ['fiche_acces_libre', 'data:text/html,<script>alert(1)</script>'],
    ]
    for (const [field, value] of cases) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/venues', headers: admin, payload: { ...NEW_VENUE, [field]: value } })
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400)
      expect(fieldsOf(res)).toContain(field)
    }
    const company = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: admin,
      payload: { siret: '73282932000074', nom: 'X', site_web: 'javascript:alert(1)' },
    })
    expect(company.statusCode, company.body).toBe(400)
    expect(fieldsOf(company)).toContain('site_web')
    const [header, ...rows] = parse(demoCsv(2).toString('utf8')) as string[][]
    rows[1][header.indexOf('site_web')] = 'javascript:alert(1)'
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports?source=url',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: stringify([header, ...rows]),
    })
    expect(res.statusCode).toBe(422)
    const report = res.json() as { rows: { row: number; errors: { field: string }[] }[] }
    expect(report.rows.find((r) => r.row === 3)?.errors.map((e) => e.field)).toContain('site_web')
    // http(s) addresses, and bare domains completed with https://, are still welcome.
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: admin,
      payload: { ...NEW_VENUE, site_web: ['www.begles.fr', 'http://mediatheque.begles.fr'], prise_rdv: 'https://rdv.begles.fr' },
    })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json().site_web).toEqual(['https://www.begles.fr', 'http://mediatheque.begles.fr'])
  })

  it('requests Node refuses itself (bad request line, NUL in a header, headers too large) are problems too', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = ctx.app.server.address() as net.AddressInfo
    const badLine = await raw(port, 'BONJOUR\r\n\r\n')
    expect(badLine).toMatch(/^HTTP\/1\.1 400 /)
    expect(badLine).toMatch(/content-type: application\/problem\+json/i)
    expect(badLine).toContain('"status":400')
    const nul = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Test: a\u0000b\r\n\r\n')
    expect(nul).toMatch(/^HTTP\/1\.1 400 /)
    expect(nul).toMatch(/content-type: application\/problem\+json/i)
    const big = await raw(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
    expect(big).toMatch(/^HTTP\/1\.1 431 /)
    expect(big).toMatch(/content-type: application\/problem\+json/i)
    expect(big).toContain('"status":431')
  })
})
