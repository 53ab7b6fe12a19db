// /parrainages: member companies and what they sponsor, on a map; and the company page's map and
// "nearby venues that need a sponsor" (the company page itself is server-rendered by api/sponsors).
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
// MapLibre 6 runs its tile worker from a separate module file: ship it as a hashed asset (as web/src/map.ts does).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { kindLabels } from '../../domain/sponsorship.ts'
import '../src/dsfr.ts'
import './style.css'
import { EXAMPLE_MARK } from '../../domain/needs.ts'
import { initNeeds } from './needs.ts'

maplibregl.setWorkerUrl(workerUrl)

interface Company {
  id: string
  nom: string
  commune: string | null
  latitude: number | null
  longitude: number | null
  cinov_member_since: string | null
  sponsorships_active?: number
  venues_sponsored?: number
  is_example?: boolean
}
interface Sponsorship {
  id: string
  company_id: string
  venue_id: string
  venue_nom: string
  venue_commune: string
  venue_latitude: number | null
  venue_longitude: number | null
  kind: string
}

const KIND_NAMES = kindLabels('lower')

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  return node
}

function point(lon: number, lat: number, properties: Record<string, unknown>) {
  return { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties }
}

function drawMap(companies: Company[], sponsorships: Sponsorship[], center?: [number, number], zoom = 5) {
  const map = new maplibregl.Map({
    container: 'map',
    style: '/basemap/style.json',
    center: center ?? [2.5, 46.6],
    zoom,
    attributionControl: { compact: true },
  })
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }))
  const companyFeatures = companies
    .filter((c) => c.latitude !== null && c.longitude !== null)
    .map((c) => point(c.longitude!, c.latitude!, { id: c.id, nom: c.nom }))
  const venueFeatures = sponsorships
    .filter((s) => s.venue_latitude !== null)
    .map((s) => point(s.venue_longitude!, s.venue_latitude!, { id: s.venue_id, nom: s.venue_nom }))
  const byId = new Map(companies.map((c) => [c.id, c]))
  const links = sponsorships.flatMap((s) => {
    const c = byId.get(s.company_id)
    if (!c || c.latitude === null || s.venue_latitude === null) return []
    return [
      {
        type: 'Feature' as const,
        geometry: {
          type: 'LineString' as const,
          coordinates: [
            [c.longitude!, c.latitude!],
            [s.venue_longitude!, s.venue_latitude!],
          ],
        },
        properties: {},
      },
    ]
  })
  map.on('load', () => {
    map.addSource('links', { type: 'geojson', data: { type: 'FeatureCollection', features: links } })
    map.addLayer({ id: 'links', type: 'line', source: 'links', paint: { 'line-color': '#18753c', 'line-width': 1.2, 'line-opacity': 0.6 } })
    map.addSource('venues', { type: 'geojson', data: { type: 'FeatureCollection', features: venueFeatures } })
    map.addLayer({
      id: 'venues',
      type: 'circle',
      source: 'venues',
      paint: { 'circle-radius': 6, 'circle-color': '#18753c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
    })
    map.addSource('companies', { type: 'geojson', data: { type: 'FeatureCollection', features: companyFeatures } })
    map.addLayer({
      id: 'companies',
      type: 'circle',
      source: 'companies',
      paint: { 'circle-radius': 8, 'circle-color': '#000091', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    })
    for (const layer of ['companies', 'venues']) {
      map.on('click', layer, (event) => {
        const feature = event.features?.[0]
        if (!feature) return
        const { id, nom } = feature.properties as { id: string; nom: string }
        const href = layer === 'companies' ? `/parrainages/entreprises/${id}` : `/lieux/${id}`
        const content = el('a', String(nom), { href })
        new maplibregl.Popup().setLngLat(event.lngLat).setDOMContent(content).addTo(map)
      })
      map.on('mouseenter', layer, () => {
        map.getCanvas().style.cursor = 'pointer'
      })
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = ''
      })
    }
    const all = [...companyFeatures, ...venueFeatures].map((f) => f.geometry.coordinates as [number, number])
    if (all.length > 1) {
      const bounds = all.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(all[0], all[0]))
      map.fitBounds(bounds, { padding: 60, maxZoom: 12, duration: 0 })
    }
    document.body.dataset.mapReady = 'true'
  })
}

async function listPage() {
  const [companies, sponsorships] = await Promise.all([
    fetch('/api/v1/companies?limit=1000').then((r) => r.json()) as Promise<{ items: Company[] }>,
    fetch('/api/v1/sponsorships?active=true&limit=1000').then((r) => r.json()) as Promise<{ items: Sponsorship[] }>,
  ])
  const list = document.getElementById('companies')!
  const venues = new Set(sponsorships.items.map((s) => s.venue_id))
  document.getElementById('summary')!.textContent =
    `${companies.items.length} entreprise(s) membre(s), ${sponsorships.items.length} parrainage(s) en cours, ` +
    `${venues.size} lieu(x) parrainé(s).`
  for (const company of companies.items) {
    const item = el('li')
    const title = el('h3')
    title.append(el('a', company.nom, { href: `/parrainages/entreprises/${company.id}` }))
    item.append(title)
    if (company.is_example) item.append(el('p', EXAMPLE_MARK, { class: 'fr-badge fr-badge--sm fr-badge--warning' }))
    if (company.commune) item.append(el('p', company.commune))
    const mine = sponsorships.items.filter((s) => s.company_id === company.id)
    if (mine.length === 0) item.append(el('p', 'Aucun parrainage en cours.'))
    else {
      const ul = el('ul')
      for (const s of mine) {
        const li = el('li', `${KIND_NAMES[s.kind] ?? s.kind} — `)
        li.append(el('a', `${s.venue_nom} (${s.venue_commune})`, { href: `/lieux/${s.venue_id}` }))
        ul.append(li)
      }
      item.append(ul)
    }
    list.append(item)
  }
  if (companies.items.length === 0) {
    const empty = el(
      'li',
      'Aucune entreprise membre n’est encore inscrite. Les entreprises adhérentes de CINOV-IT apparaîtront ici avec les lieux ' +
        'qu’elles parrainent ; la vôtre peut être la première : ',
    )
    empty.append(el('a', 'rejoindre le programme', { href: '/entreprise/' }), document.createTextNode('.'))
    list.append(empty)
  }
  drawMap(companies.items, sponsorships.items)
}

async function companyPage() {
  const data = JSON.parse(document.getElementById('company-data')!.textContent!) as {
    company: Company
    venues: { id: string; nom: string; commune: string; latitude: number | null; longitude: number | null }[]
  }
  const sponsorships = data.venues.map((v) => ({
    id: v.id,
    company_id: data.company.id,
    venue_id: v.id,
    venue_nom: v.nom,
    venue_commune: v.commune,
    venue_latitude: v.latitude,
    venue_longitude: v.longitude,
    kind: '',
  }))
  const center = data.company.longitude !== null ? ([data.company.longitude, data.company.latitude!] as [number, number]) : undefined
  drawMap([data.company], sponsorships, center, center ? 10 : 5)
  const target = document.getElementById('nearby-venues')!
  const response = await fetch(`/api/v1/companies/${data.company.id}/nearby-venues?radius=20000&unsponsored=true&limit=20`)
  target.textContent = ''
  if (!response.ok) {
    target.append(el('li', 'Entreprise non localisée : impossible de chercher les lieux proches.'))
    return
  }
  const { items } = (await response.json()) as { items: { id: string; nom: string; commune: string; distance_m: number }[] }
  if (items.length === 0) target.append(el('li', 'Tous les lieux à moins de 20 km ont déjà un parrain.'))
  for (const v of items) {
    const li = el('li')
    li.append(
      el('a', v.nom, { href: `/lieux/${v.id}` }),
      document.createTextNode(` — ${v.commune}, à ${(v.distance_m / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km`),
    )
    target.append(li)
  }
}

if (document.body.dataset.page === 'entreprise') void companyPage()
else void Promise.all([initNeeds(), listPage()])
