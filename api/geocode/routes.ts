// GET /api/v1/geocode: communes and postcodes from the gazetteer, plus addresses when a BAN-style geocoder is set.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WHOLE_CITIES } from '../../db/communes/whole-cities.ts'
import { normalizeName } from '../../db/import/locate.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { searchAddresses } from './address-client.ts'
import { communesByName, communesByPostcode, wholeCitiesByName, type CommuneHit } from '../../db/geocode/queries.ts'
import { GeocodeQuery, GeocodeResponse, type GeocodeItem } from './schemas.ts'

function communeItem(hit: CommuneHit, postcode: string | null): GeocodeItem {
  const code = postcode ?? hit.codes_postaux[0] ?? null
  const whole = WHOLE_CITIES.some((c) => c.code_insee === hit.code_insee)
  return {
    label: whole ? `${hit.nom} (toute la ville)` : code ? `${hit.nom} (${code})` : hit.nom,
    type: postcode ? 'postcode' : 'municipality',
    code_insee: hit.code_insee,
    code_postal: code,
    commune: hit.nom,
    latitude: hit.latitude,
    longitude: hit.longitude,
    population: hit.population,
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/geocode',
    {
      config: { access: 'public' },
      schema: {
        tags: ['géocodage'],
        summary: 'Trouver une commune, un code postal ou une adresse',
        description:
          'Codes postaux exacts d’abord (« 33700 »), puis noms de communes sans tenir compte des accents, tirets ni « St »/« Saint » ' +
          '(« merignac », « saint etienne », « St-Étienne »), tolérant aux fautes de frappe, les plus peuplées d’abord. ' +
          'Avec un géocodeur d’adresses configuré (ADDRESS_GEOCODER_URL, format de l’API Adresse nationale), les adresses suivent.',
        querystring: GeocodeQuery,
        response: { 200: GeocodeResponse, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { q, limit, departement } = request.query
      const text = q.trim()
      const digits = /^\d{2,5}$/.test(text) ? text : null
      const items: GeocodeItem[] = []
      if (digits) {
        const hits = await communesByPostcode(app.readDb, digits, limit)
        for (const hit of hits) {
          const postcode = digits.length === 5 ? digits : (hit.codes_postaux.find((c) => c.startsWith(digits)) ?? null)
          items.push(communeItem(hit, postcode))
        }
      } else {
        const normalised = normalizeName(text)
        if (normalised.length >= 2) {
          const communes = await communesByName(app.readDb, normalised, limit, departement ?? null)
          // A whole city goes just before the first commune of a worse rank (so above its arrondissements).
          const cities = await wholeCitiesByName(app.readDb, normalised, departement ?? null)
          const hits = [...communes]
          for (const city of cities) {
            const at = hits.findIndex((h) => h.rank > city.rank || (h.rank === city.rank && h.population < city.population))
            hits.splice(at === -1 ? hits.length : at, 0, city)
          }
          for (const hit of hits) items.push(communeItem(hit, null))
        }
      }
      const exactCommune = items.length > 0 && !digits && normalizeName(items[0].commune ?? '') === normalizeName(text)
      if (app.config.addressGeocoderUrl && !digits && items.length < limit) {
        const addresses = await searchAddresses(app.config.addressGeocoderUrl, text, limit)
        const known = new Set(items.map((i) => i.code_insee))
        const extra = addresses.filter((a) => !(a.type === 'municipality' && known.has(a.code_insee)))
        // An address-looking query (a number, or no commune of that name) puts addresses first.
        if (!exactCommune && /\d/.test(text)) items.unshift(...extra)
        else items.push(...extra)
      }
      reply.header('Cache-Control', 'public, max-age=3600')
      return { items: items.slice(0, limit) }
    },
  )
}
export default routes
