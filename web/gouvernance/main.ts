// /gouvernance: the committee's dashboard. Figures from /api/v1/governance/*, charts drawn as SVG by the same
// functions as the printed report, a choropleth by département and the white zones on MapLibre maps.
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
// MapLibre 6 runs its tile worker from a separate module file: ship it as a hashed asset (as web/src/map.ts does).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import '../src/dsfr.ts'
import './style.css'
import { barChart, gauge, lineChart, number, percent } from '../../domain/governance/charts.ts'
import type { DepartementFigures, Indicators } from '../../domain/governance/indicators.ts'
import { kindLabels } from '../../domain/sponsorship.ts'
import { VENUE_STATUS_PLURALS } from '../../domain/venue-status.ts'
import { renderCriteria } from './criteria.ts'
import { OUTCOME_LABELS } from '../../domain/committees.ts'

maplibregl.setWorkerUrl(workerUrl)

const STATUS_NAMES: Record<string, string> = VENUE_STATUS_PLURALS
const KIND_NAMES = kindLabels('plural')
const OUTCOME_NAMES: Record<string, string> = { ...OUTCOME_LABELS, a_renseigner: 'Devenir à saisir' }
const $ = (id: string) => document.getElementById(id)!
const territorySelect = $('territory') as HTMLSelectElement
const yearSelect = $('year') as HTMLSelectElement
const metricSelect = $('metric') as HTMLSelectElement
const currentYear = new Date().getFullYear()
let departements: DepartementFigures[] = []
let choropleth: maplibregl.Map | null = null
let whiteMap: maplibregl.Map | null = null

function query(): string {
  const params = new URLSearchParams({ territory: territorySelect.value })
  if (yearSelect.value) params.set('year', yearSelect.value)
  return params.toString()
}

function setCsvLinks() {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a.csv')) {
    link.href = `/api/v1/governance/indicators?${query()}&format=csv&figure=${link.dataset.figure}`
    link.setAttribute('download', '')
  }
  ;($('report-link') as HTMLAnchorElement).href =
    `/gouvernance/rapport/${yearSelect.value || currentYear}${territorySelect.value === 'fr' ? '' : `?territory=${territorySelect.value}`}`
}

const NOT_COLLECTED = 'données non encore collectées'
const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })

/** Whether any département of the territory has producer data (white zones and coverage mean something only there). */
const collected = (ind: Indicators) => ind.data_collection.departements.length > 0

const NATIONAL_LISTS_ONLY = ' ; les lieux comptés viennent de listes nationales d’un seul dispositif (France Services, etc.)'

function renderCollection(ind: Indicators) {
  const dc = ind.data_collection
  const note = $('collection-note')
  if (!collected(ind))
    note.textContent =
      `Données non encore collectées sur ce territoire : aucun producteur territorial n’y a encore chargé ses lieux. ` +
      `La couverture et les zones blanches n’y sont donc pas calculées` +
      `${ind.venues.published > 0 ? NATIONAL_LISTS_ONLY : ''}` +
      `.`
  else if (dc.departements.length < dc.departements_total)
    note.textContent =
      `Données collectées dans ${dc.departements.length} département(s) sur ${dc.departements_total} (` +
      `${percent(dc.population_share)} de la population) : ${dc.departements.join(', ')}. Ailleurs, ${NOT_COLLECTED} ` +
      `; la couverture et les zones blanches portent sur les seuls départements collectés.`
  else note.textContent = 'Données de producteurs collectées sur tout le territoire.'
}

function renderFigures(ind: Indicators) {
  const cov = ind.data_collection.coverage_km
  const coverage = (k: '5' | '10' | '20') => (collected(ind) ? percent(cov[k]) : '—')
  const figures: [string, string][] = [
    ['Lieux publiés', number(ind.venues.published)],
    ['Lieux pour 10 000 habitants', number(ind.venues.per_10000, 2)],
    [`Population à moins de 5 km${collected(ind) ? ' (départements collectés)' : ` (${NOT_COLLECTED})`}`, coverage('5')],
    ['à moins de 10 km', coverage('10')],
    ['à moins de 20 km', coverage('20')],
    ['Zones blanches', collected(ind) ? number(ind.white_zones.count) : '—'],
    ['Jeunes en emploi d’avenir', `${number(ind.sponsorships.emplois_avenir_youth)} / ${number(ind.sponsorships.target)}`],
    ['Appareils donnés', number(ind.sponsorships.devices_donated)],
    ['Appareils demandés par les lieux', number(ind.needs.devices_requested)],
    ['Besoins de matériel satisfaits', number(ind.needs.devices_needs_met)],
    ['Fonds Solidarités Numériques', `${number(ind.sponsorships.amount_eur)} €`],
    ['Fiches mises à jour en 12 mois', percent(ind.freshness.updated_within_12_months)],
  ]
  const box = $('figures')
  box.textContent = ''
  for (const [label, value] of figures) {
    const div = document.createElement('div')
    div.className = 'figure'
    const strong = document.createElement('strong')
    strong.textContent = value
    div.append(strong, document.createTextNode(label))
    box.append(div)
  }
  // The SVG strings come from our own chart functions, which escape every label.
  $('chart-status').innerHTML = barChart(
    Object.entries(ind.venues.by_status).map(([s, n]) => ({ label: STATUS_NAMES[s] ?? s, value: n })),
    { title: 'Lieux par statut' },
  )
  $('chart-coverage').innerHTML = collected(ind)
    ? barChart(
        (['5', '10', '20'] as const).map((k) => ({ label: `à moins de ${k} km`, value: cov[k], display: percent(cov[k]) })),
        { title: 'Part de la population des départements collectés proche d’un lieu publié', max: 1 },
      )
    : `<p>Couverture non calculée : ${NOT_COLLECTED} sur ce territoire.</p>`
  const first = ind.data_collection.first_import
  if (!first) {
    $('chart-series').innerHTML = '<p>Aucun import de données pour l’instant : pas encore de série.</p>'
  } else if (!ind.data_collection.history) {
    $('chart-series').innerHTML = `<p>Pas d’historique pour ${ind.year} : la collecte des données a commencé le ${day(first)}.</p>`
  } else {
    $('chart-series').innerHTML = `${lineChart(
      ind.timeseries.map((t) => ({ label: t.month, value: t.published })),
      { title: 'Lieux publiés en fin de mois' },
    )}<p class="fr-text--sm">La série commence au premier import de données, le ${day(first)}.</p>`
  }
  $('chart-youth').innerHTML = gauge(ind.sponsorships.emplois_avenir_youth, ind.sponsorships.target, {
    title: 'Jeunes en emploi d’avenir face à l’objectif',
  })
  $('chart-sponsors').innerHTML = barChart(
    Object.entries(ind.sponsorships.by_kind).map(([k, n]) => ({ label: KIND_NAMES[k] ?? k, value: n })),
    { title: 'Parrainages en cours par type', color: '#18753c' },
  )
  // Emplois d'avenir that reached their term, by recorded outcome (art. 3).
  const outcomes = ind.sponsorships.emplois_avenir_outcomes ?? {}
  const ended = Object.values(outcomes).reduce((a, b) => a + b, 0)
  $('chart-outcomes').innerHTML = ended
    ? barChart(
        Object.entries(outcomes).map(([o, n]) => ({ label: OUTCOME_NAMES[o] ?? o, value: n })),
        { title: 'Devenir des jeunes à la fin de leur emploi d’avenir', color: '#6a6af4' },
      )
    : '<p>Aucun emploi d’avenir n’est encore arrivé à son terme : leur devenir s’affichera ici.</p>'
  const labels = Object.entries(ind.labels.active)
  $('chart-labels').innerHTML = labels.length
    ? barChart(
        labels.map(([s, n]) => ({ label: ind.labels.names[s] ?? s, value: n })),
        { title: 'Lieux par label actif' },
      )
    : '<p>Aucun label actif.</p>'
  const dispositifs = Object.entries(ind.dispositifs).slice(0, 12)
  $('chart-dispositifs').innerHTML = dispositifs.length
    ? barChart(
        dispositifs.map(([d, n]) => ({ label: d, value: n })),
        { title: 'Lieux par dispositif' },
      )
    : '<p>Aucun dispositif déclaré.</p>'
}

function renderWhiteZones(ind: Indicators) {
  $('white-summary').textContent = collected(ind)
    ? `${number(ind.white_zones.count)} commune(s) de 1 000 habitants ou plus (${number(ind.white_zones.population)} ` +
      `habitants) sont à plus de 10 km de tout lieu publié, dans les départements où des données sont collectées (` +
      `${ind.data_collection.departements.join(', ')}).`
    : `Zones blanches non recherchées : ${NOT_COLLECTED} sur ce territoire. Une commune y paraîtrait loin de tout ` +
      `lieu seulement parce que ses lieux ne sont pas encore chargés.`
  const body = $('white-table')
  body.textContent = ''
  for (const w of ind.white_zones.communes.slice(0, 20)) {
    const tr = document.createElement('tr')
    for (const value of [w.nom, w.departement, number(w.population), w.distance_km === null ? '—' : `${number(w.distance_km, 1)} km`]) {
      const td = document.createElement('td')
      td.textContent = value
      tr.append(td)
    }
    body.append(tr)
  }
  const data = {
    type: 'FeatureCollection' as const,
    features: ind.white_zones.communes.map((w) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [w.longitude, w.latitude] },
      properties: { nom: w.nom, population: w.population },
    })),
  }
  if (!whiteMap) {
    whiteMap = new maplibregl.Map({
      container: 'white-map',
      style: '/basemap/style.json',
      center: [2.5, 46.6],
      zoom: 4.6,
      attributionControl: { compact: true },
    })
    whiteMap.on('load', () => {
      whiteMap!.addSource('white', { type: 'geojson', data })
      whiteMap!.addLayer({
        id: 'white',
        type: 'circle',
        source: 'white',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['get', 'population'], 1000, 3, 20000, 9],
          'circle-color': '#ce0500',
          'circle-opacity': 0.75,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 0.5,
        },
      })
      document.body.dataset.whiteMapReady = 'true'
    })
  } else if (whiteMap.getSource('white')) {
    ;(whiteMap.getSource('white') as maplibregl.GeoJSONSource).setData(data)
  }
}

const COLORS = ['#f5f5fe', '#cacafb', '#8585f6', '#313178', '#000091']

function metricValue(d: DepartementFigures, metric: string): number {
  return metric === 'coverage10'
    ? d.coverage_km['10']
    : metric === 'per_10000'
      ? d.per_10000
      : metric === 'white_zones'
        ? d.white_zones
        : d.sponsorships_active
}

const UNCOLLECTED_COLOR = '#e5e5e5'

function renderChoropleth() {
  const metric = metricSelect.value
  const values = departements.filter((d) => d.collected).map((d) => metricValue(d, metric))
  const max = Math.max(...values, metric === 'coverage10' ? 1 : 1e-9)
  const min = metric === 'coverage10' ? Math.min(...values, 0.5) : 0
  const steps = COLORS.map((_, i) => min + ((max - min) * i) / COLORS.length)
  const colorOf = (v: number) => COLORS[Math.max(0, steps.filter((s) => v >= s).length - 1)]
  const expression: unknown[] = ['match', ['get', 'code']]
  for (const d of departements) expression.push(d.code, d.collected ? colorOf(metricValue(d, metric)) : UNCOLLECTED_COLOR)
  expression.push('#eeeeee')
  const format = (v: number) => (metric === 'coverage10' ? percent(v, 0) : number(v, metric === 'per_10000' ? 2 : 0))
  const legend = $('choro-legend')
  legend.textContent = ''
  steps.forEach((s, i) => {
    const span = document.createElement('span')
    span.style.setProperty('--c', COLORS[i])
    span.textContent = `≥ ${format(s)}`
    legend.append(span)
  })
  const none = document.createElement('span')
  none.style.setProperty('--c', UNCOLLECTED_COLOR)
  none.textContent = NOT_COLLECTED
  legend.append(none)
  const apply = () => {
    if (choropleth!.getLayer('departements-fill'))
      choropleth!.setPaintProperty('departements-fill', 'fill-color', expression as maplibregl.ExpressionSpecification)
    document.body.dataset.choroplethReady = 'true'
  }
  if (!choropleth) {
    choropleth = new maplibregl.Map({
      container: 'choropleth',
      style: '/basemap/style.json',
      center: [2.5, 46.6],
      zoom: 4.6,
      attributionControl: { compact: true },
    })
    choropleth.on('load', apply)
    choropleth.on('click', 'departements-fill', (event) => {
      const code = String(event.features?.[0]?.properties?.code ?? '')
      const d = departements.find((x) => x.code === code)
      if (!d) return
      new maplibregl.Popup()
        .setLngLat(event.lngLat)
        .setText(`${event.features?.[0]?.properties?.nom} (${code}) : ${d.collected ? format(metricValue(d, metric)) : NOT_COLLECTED}`)
        .addTo(choropleth!)
    })
  } else apply()
}

async function refresh() {
  setCsvLinks()
  $('status').textContent = 'Calcul des indicateurs…'
  const response = await fetch(`/api/v1/governance/indicators?${query()}`)
  if (!response.ok) {
    $('status').textContent = 'Les indicateurs n’ont pas pu être calculés.'
    return
  }
  const ind = (await response.json()) as Indicators
  $('status').textContent =
    `${ind.territory === 'fr' ? 'France entière' : territorySelect.selectedOptions[0].textContent} — état au ` +
    `${new Date(`${ind.as_of}T12:00:00Z`).toLocaleDateString('fr-FR')} — ${number(ind.population)} habitants.`
  renderCollection(ind)
  renderFigures(ind)
  renderWhiteZones(ind)
  await renderCriteria($('criteria'), territorySelect.value)
  document.body.dataset.ready = 'true'
}

async function start() {
  for (let y = currentYear - 1; y >= currentYear - 5; y--) yearSelect.add(new Option(`31 décembre ${y}`, String(y)))
  const geo = (await fetch('/basemap/departements.geojson').then((r) => r.json())) as {
    features: { properties: { code: string; nom: string } }[]
  }
  for (const f of [...geo.features].sort((a, b) => a.properties.code.localeCompare(b.properties.code))) {
    territorySelect.add(new Option(`${f.properties.code} — ${f.properties.nom}`, `dep:${f.properties.code}`))
  }
  const params = new URLSearchParams(location.search)
  if (params.get('territory')) territorySelect.value = params.get('territory')!
  if (params.get('year')) yearSelect.value = params.get('year')!
  territorySelect.addEventListener('change', () => void refresh())
  yearSelect.addEventListener('change', () => void refresh())
  metricSelect.addEventListener('change', renderChoropleth)
  await refresh()
  departements = ((await fetch('/api/v1/governance/departements').then((r) => r.json())) as { items: DepartementFigures[] }).items
  renderChoropleth()
}
void start()
