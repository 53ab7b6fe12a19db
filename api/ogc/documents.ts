// The JSON documents of OGC API – Features Part 1 core: landing page, conformance, collection, features.
import type { VenueSelectRow } from '../../db/search/query.ts'

export const GEOJSON = 'application/geo+json'
export const JSON_TYPE = 'application/json'
export const OPENAPI_30 = 'application/vnd.oai.openapi+json;version=3.0'
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/landing-page',
  'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/json',
  'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections',
]

export function landingPage(base: string) {
  return {
    title: 'Maillage — OGC API – Features',
    description: 'Les lieux de médiation numérique publiés, en OGC API – Features (partie 1, cœur), GeoJSON en CRS84.',
    links: [
      { href: `${base}/ogc`, rel: 'self', type: JSON_TYPE, title: 'Cette page' },
      { href: `${base}/ogc/api`, rel: 'service-desc', type: OPENAPI_30, title: 'Définition OpenAPI 3.0 de cette API' },
      { href: `${base}/docs`, rel: 'service-doc', type: 'text/html', title: 'Documentation de l’API Maillage' },
      { href: `${base}/ogc/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Classes de conformité' },
      { href: `${base}/ogc/collections`, rel: 'data', type: JSON_TYPE, title: 'Collections' },
    ],
  }
}

export function venuesCollection(base: string, extent: [number, number, number, number] | null) {
  return {
    id: 'venues',
    title: 'Lieux de médiation numérique',
    description: 'Lieux publiés au standard national v1.0.2 (nom, adresse, services, publics, horaires…).',
    itemType: 'feature',
    crs: [CRS84],
    extent: {
      spatial: { bbox: [extent ?? [-180, -90, 180, 90]], crs: CRS84 },
      temporal: { interval: [[null, null]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' },
    },
    links: [
      { href: `${base}/ogc/collections/venues`, rel: 'self', type: JSON_TYPE, title: 'Cette collection' },
      { href: `${base}/ogc/collections/venues/items`, rel: 'items', type: GEOJSON, title: 'Les lieux (GeoJSON)' },
      { href: `${base}/ogc/collections/venues/items?f=json`, rel: 'items', type: JSON_TYPE, title: 'Les lieux (JSON)' },
    ],
  }
}

export function venueFeature(venue: VenueSelectRow) {
  const { id, latitude, longitude, merged_into: _m, updated_at, ...properties } = venue
  return {
    type: 'Feature' as const,
    id,
    geometry: { type: 'Point' as const, coordinates: [longitude, latitude] },
    properties: { ...properties, updated_at: new Date(updated_at).toISOString() },
  }
}
