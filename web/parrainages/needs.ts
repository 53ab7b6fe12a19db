// « Lieux qui cherchent un parrain » on /parrainages: open needs filtered by distance from an address (the
// company's own when its representative is logged in) and by kind, on a map and in a list; a company's
// representative answers with « Proposer mon aide » (a pending sponsorship the venue's curator accepts).
import * as maplibregl from 'maplibre-gl'
import { EXAMPLE_MARK, NEED_KIND_LABELS, NEED_KINDS, needSummary } from '../../domain/needs.ts'

interface Need {
  id: string
  venue_id: string
  venue_nom: string
  venue_commune: string
  venue_latitude: number | null
  venue_longitude: number | null
  kind: (typeof NEED_KINDS)[number]
  local_project: string | null
  devices_count: number | null
  devices_kind: string | null
  amount_eur: number | null
  description: string | null
  skills: string | null
  is_example: boolean
  distance_m?: number | null
}
interface Me {
  caller: { role: string; company_id?: string | null }
  csrf_token: string
}

const $ = (id: string) => document.getElementById(id)!
let me: Me | null = null
let origin: { label: string; latitude: number; longitude: number } | null = null
let map: maplibregl.Map | null = null

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  return node
}

async function whoAmI(): Promise<Me | null> {
  const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin' })
  return res.ok ? ((await res.json()) as Me) : null
}

async function geocode(q: string) {
  const res = await fetch(`/api/v1/geocode?q=${encodeURIComponent(q)}`)
  if (!res.ok) return null
  const { items } = (await res.json()) as { items: { label: string; latitude: number; longitude: number }[] }
  return items[0] ?? null
}

function drawNeeds(needs: Need[]) {
  const features = needs
    .filter((n) => n.venue_latitude !== null && n.venue_longitude !== null)
    .map((n) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [n.venue_longitude!, n.venue_latitude!] },
      properties: { id: n.venue_id, nom: n.venue_nom },
    }))
  const data = { type: 'FeatureCollection' as const, features }
  const fitView = () => {
    const points = features.map((f) => f.geometry.coordinates as [number, number])
    if (origin) points.push([origin.longitude, origin.latitude])
    if (points.length > 1) {
      const bounds = points.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(points[0], points[0]))
      map!.fitBounds(bounds, { padding: 50, maxZoom: 12, duration: 0 })
    } else if (points.length === 1) map!.jumpTo({ center: points[0], zoom: 10 })
  }
  if (!map) {
    map = new maplibregl.Map({
      container: 'needs-map',
      style: '/basemap/style.json',
      center: [2.5, 46.6],
      zoom: 5,
      attributionControl: { compact: true },
    })
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }))
    map.on('load', () => {
      map!.addSource('needs', { type: 'geojson', data })
      map!.addLayer({
        id: 'needs',
        type: 'circle',
        source: 'needs',
        paint: { 'circle-radius': 7, 'circle-color': '#ce614a', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
      })
      map!.on('click', 'needs', (event) => {
        const feature = event.features?.[0]
        if (!feature) return
        const { id, nom } = feature.properties as { id: string; nom: string }
        new maplibregl.Popup()
          .setLngLat(event.lngLat)
          .setDOMContent(el('a', String(nom), { href: `/lieux/${id}` }))
          .addTo(map!)
      })
      fitView()
      document.body.dataset.needsMapReady = 'true'
    })
  } else {
    ;(map.getSource('needs') as maplibregl.GeoJSONSource | undefined)?.setData(data)
    fitView()
  }
}

async function offer(need: Need, button: HTMLButtonElement, status: HTMLElement) {
  button.disabled = true
  const res = await fetch(`/api/v1/needs/${need.id}/offers`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': me!.csrf_token },
    body: '{}',
  })
  const body = (await res.json().catch(() => ({}))) as { detail?: string }
  if (res.ok) {
    status.textContent = 'Proposition envoyée : le lieu va l’examiner. Vous la suivez dans votre espace entreprise.'
    button.textContent = 'Aide proposée'
  } else {
    status.textContent = `La proposition n’a pas été envoyée : ${body.detail ?? `erreur ${res.status}`}`
    button.disabled = false
  }
}

function renderList(needs: Need[]) {
  const list = $('needs-list')
  list.textContent = ''
  const isCompany = me?.caller.role === 'company'
  for (const need of needs) {
    const item = el('li', undefined, { 'data-need': need.id })
    const title = el('h3')
    title.append(el('a', need.venue_nom, { href: `/lieux/${need.venue_id}` }))
    item.append(title)
    const where =
      need.distance_m != null
        ? `${need.venue_commune}, à ${(need.distance_m / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km`
        : need.venue_commune
    item.append(el('p', where))
    const what = el('p')
    what.append(el('strong', NEED_KIND_LABELS[need.kind]), document.createTextNode(` — ${needSummary(need)}`))
    if (need.is_example)
      what.append(document.createTextNode(' '), el('span', EXAMPLE_MARK, { class: 'fr-badge fr-badge--sm fr-badge--warning' }))
    item.append(what)
    const status = el('p', '', { role: 'status' })
    if (isCompany) {
      const button = el('button', 'Proposer mon aide', {
        class: 'fr-btn fr-btn--sm',
        type: 'button',
        'aria-describedby': `need-${need.id}`,
      })
      title.id = `need-${need.id}`
      button.addEventListener('click', () => void offer(need, button, status))
      item.append(button)
    } else {
      const link = el('a', 'Proposer mon aide (espace entreprise)', { class: 'fr-link', href: '/entreprise/' })
      item.append(link)
    }
    item.append(status)
    list.append(item)
  }
}

async function search() {
  const params = new URLSearchParams({ limit: '200' })
  const radius = ($('needs-radius') as HTMLSelectElement).value
  const kinds = [...document.querySelectorAll<HTMLInputElement>('#needs-kinds input:checked')].map((i) => i.value)
  const typed = ($('needs-origin') as HTMLInputElement).value.trim()
  if (typed && typed !== origin?.label) {
    const found = await geocode(typed)
    if (!found) {
      $('needs-status').textContent = `Adresse ou commune introuvable : « ${typed} ». Essayez un nom de commune ou un code postal.`
      return
    }
    origin = found
  }
  if (!typed) origin = null
  if (origin) params.set('near', `${origin.latitude},${origin.longitude}`)
  if (origin && radius) params.set('radius', radius)
  if (kinds.length && kinds.length < NEED_KINDS.length) params.set('kind', kinds.join(','))
  const res = await fetch(`/api/v1/needs?${params}`)
  const { items } = (await res.json()) as { items: Need[] }
  const scope =
    origin && radius
      ? ` à moins de ${Number(radius) / 1000} km de ${origin.label}`
      : origin
        ? ` du plus proche au plus lointain de ${origin.label}`
        : ''
  $('needs-status').textContent =
    items.length === 0
      ? `Aucun lieu ne cherche de parrain${scope} pour ces besoins. Élargissez la distance ou les types de besoin ; ` +
        'les lieux déclarent leurs besoins depuis l’administration.'
      : `${items.length} besoin(s) de lieux${scope}.`
  renderList(items)
  drawNeeds(items)
}

export async function initNeeds(): Promise<void> {
  const kinds = $('needs-kinds')
  for (const kind of NEED_KINDS) {
    const box = el('div', undefined, { class: 'fr-fieldset__element fr-fieldset__element--inline' })
    const wrap = el('div', undefined, { class: 'fr-checkbox-group' })
    const input = el('input', undefined, { type: 'checkbox', id: `need-kind-${kind}`, name: 'kind', value: kind })
    input.checked = true
    wrap.append(input, el('label', NEED_KIND_LABELS[kind], { class: 'fr-label', for: `need-kind-${kind}` }))
    box.append(wrap)
    kinds.append(box)
  }
  me = await whoAmI()
  if (me?.caller.role === 'company' && me.caller.company_id) {
    const company = (await (await fetch(`/api/v1/companies/${me.caller.company_id}`)).json()) as {
      commune: string | null
      latitude: number | null
      longitude: number | null
    }
    if (company.latitude !== null && company.longitude !== null && company.commune) {
      origin = { label: company.commune, latitude: company.latitude, longitude: company.longitude }
      ;($('needs-origin') as HTMLInputElement).value = company.commune
    }
  }
  $('needs-filter').addEventListener('submit', (event) => {
    event.preventDefault()
    void search()
  })
  await search()
}
