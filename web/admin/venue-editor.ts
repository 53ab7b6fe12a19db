// The venue editor: main fields, a draggable pin on the offline basemap, labels, and the history with a
// diff per version and a revert button. Every save sends If-Match with the version it read.
import { versionOrigin } from './history-origin.ts'
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { act, api, ApiError, esc, flash } from './api.ts'
import { diffSnapshots, diffTable } from './diff.ts'
import { completion } from '../../domain/completion.ts'

interface Venue {
  id: string
  version: number
  nom: string
  adresse: string
  code_postal: string
  commune: string
  telephone: string | null
  horaires: string | null
  latitude: number | null
  longitude: number | null
  status: string
  services: string[]
  departement: string | null
  [k: string]: unknown
}
interface Version {
  version: number
  changed_at: string
  changed_by: string
  reason: string
  status: string
  channel_label?: string
  data: Record<string, unknown>
}
interface Award {
  id: number
  nom: string
  granted_on: string
  expires_on: string | null
  state: string
  revoked_reason: string | null
  evidence: string | null
}

const FIELDS: { name: keyof Venue; label: string; type?: string }[] = [
  { name: 'nom', label: 'Nom' },
  { name: 'adresse', label: 'Adresse' },
  { name: 'code_postal', label: 'Code postal' },
  { name: 'commune', label: 'Commune' },
  { name: 'telephone', label: 'Téléphone' },
  { name: 'horaires', label: 'Horaires (format OSM)' },
  { name: 'latitude', label: 'Latitude', type: 'number' },
  { name: 'longitude', label: 'Longitude', type: 'number' },
]
const STATUS_NAMES: Record<string, string> = { published: 'publié', pending: 'en attente', archived: 'archivé', closed: 'fermé' }
const STATE_NAMES: Record<string, string> = { active: 'actif', upcoming: 'à venir', expired: 'expiré', revoked: 'retiré' }

let venue: Venue | null = null
let map: maplibregl.Map | null = null
let marker: maplibregl.Marker | null = null
const $ = (id: string) => document.getElementById(id)!

async function load(id: string): Promise<void> {
  const res = await fetch(`/api/v1/venues/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' }, cache: 'no-store' })
  if (!res.ok) {
    flash('Lieu introuvable.', 'error')
    return
  }
  venue = (await res.json()) as Venue
  history.replaceState(null, '', `#venue/${venue.id}`)
  $('venue-editor').hidden = false
  $('venue-title').textContent = venue.nom
  $('venue-meta').textContent =
    `Identifiant ${venue.id} — version ${venue.version} — statut ${STATUS_NAMES[venue.status] ?? venue.status} — département ${venue.departement ?? '?'}`
  renderForm()
  renderMap()
  await Promise.all([renderLabels(), renderHistory()])
}

function renderForm(): void {
  const v = venue!
  // The completion score is a curator's tool (what to ask the producer for); the public page does not show it.
  const score = completion(v as unknown as Record<string, unknown>)
  $('venue-form').innerHTML =
    `<p class="fr-text--sm" id="venue-completion">Fiche complétée à ${score.percent} %${score.missing.length ? ` — manque : ${esc(score.missing.join(', '))}` : ''}.</p>` +
    FIELDS.map(
      (f) => `<div class="fr-input-group"><label class="fr-label" for="f-${String(f.name)}">${f.label}</label>
    <input class="fr-input" id="f-${String(f.name)}" name="${String(f.name)}" ${f.type === 'number' ? 'type="number" step="any"' : ''} value="${esc(v[f.name])}"></div>`,
    ).join('') +
    `<button class="fr-btn" type="submit" id="venue-save">Enregistrer</button>
       <button class="fr-btn fr-btn--tertiary fr-ml-2w" type="button" id="venue-archive">${v.status === 'archived' ? 'Rétablir' : 'Archiver'}</button>`
  $('venue-archive').onclick = () =>
    act(v.status === 'archived' ? 'Lieu rétabli.' : 'Lieu archivé.', async () => {
      await api(
        v.status === 'archived' ? 'POST' : 'DELETE',
        `/api/v1/venues/${v.id}${v.status === 'archived' ? '/restore' : ''}`,
        undefined,
        { 'if-match': `"${v.id}-v${v.version}"` },
      )
      await load(v.id)
    })
}

function renderMap(): void {
  const v = venue!
  const centre: [number, number] = [v.longitude ?? 2.35, v.latitude ?? 46.6]
  if (!map) {
    maplibregl.setWorkerUrl(workerUrl)
    map = new maplibregl.Map({
      container: 'venue-map',
      style: '/basemap/style.json',
      center: centre,
      zoom: v.latitude ? 14 : 5,
      attributionControl: { compact: true },
    })
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
    marker = new maplibregl.Marker({ draggable: true, color: '#000091' }).setLngLat(centre).addTo(map)
    marker.getElement().setAttribute('aria-label', 'Épingle du lieu (déplaçable)')
    marker.getElement().id = 'venue-pin'
    marker.on('dragend', () => {
      const { lng, lat } = marker!.getLngLat()
      ;($('f-latitude') as HTMLInputElement).value = lat.toFixed(6)
      ;($('f-longitude') as HTMLInputElement).value = lng.toFixed(6)
    })
  } else {
    marker!.setLngLat(centre)
    map.jumpTo({ center: centre, zoom: v.latitude ? 14 : 5 })
  }
}

async function save(event: Event): Promise<void> {
  event.preventDefault()
  const v = venue!
  const patch: Record<string, unknown> = {}
  for (const f of FIELDS) {
    const raw = ($(`f-${String(f.name)}`) as HTMLInputElement).value.trim()
    const value = f.type === 'number' ? (raw === '' ? null : Number(raw)) : raw === '' ? null : raw
    if (JSON.stringify(value) !== JSON.stringify(v[f.name] ?? null)) patch[f.name] = value
  }
  if (Object.keys(patch).length === 0) {
    flash('Aucune modification.', 'info')
    return
  }
  try {
    await api('PATCH', `/api/v1/venues/${v.id}`, patch, { 'if-match': `"${v.id}-v${v.version}"` })
    flash('Fiche enregistrée.')
    await load(v.id)
  } catch (error) {
    if (error instanceof ApiError && error.status === 412)
      flash(
        `Quelqu’un a modifié la fiche entre-temps (version ${error.problem.current_version}). Rechargez-la avant de réappliquer vos changements.`,
        'error',
      )
    else flash(error instanceof Error ? error.message : String(error), 'error')
  }
}

async function renderHistory(): Promise<void> {
  const v = venue!
  const { items } = await api<{ items: Version[] }>('GET', `/api/v1/venues/${v.id}/history`)
  $('venue-history').innerHTML = items
    .map((item, i) => {
      const previous = items[i + 1]
      const diff = previous
        ? diffTable(diffSnapshots(previous.data, item.data), { current: 'Avant', proposed: 'Après' })
        : '<p class="fr-text--sm">Création.</p>'
      const revert =
        item.version !== v.version
          ? `<button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" data-revert="${item.version}">Revenir à la version ${item.version}</button>`
          : ''
      return `<article class="fr-mb-3w" data-version="${item.version}"><h4 class="fr-h6 fr-mb-1v">Version ${item.version} — ${esc(new Date(item.changed_at).toLocaleString('fr-FR'))}</h4>
      <p class="fr-text--sm fr-mb-1v">${versionOrigin(item)} — statut ${esc(STATUS_NAMES[item.status] ?? item.status)}</p>${diff}${revert}</article>`
    })
    .join('')
  for (const button of $('venue-history').querySelectorAll<HTMLButtonElement>('[data-revert]')) {
    button.onclick = () =>
      act(`Version ${button.dataset.revert} restaurée.`, async () => {
        await api(
          'POST',
          `/api/v1/venues/${v.id}/revert`,
          { version: Number(button.dataset.revert) },
          { 'if-match': `"${v.id}-v${v.version}"` },
        )
        await load(v.id)
      })
  }
}

async function renderLabels(): Promise<void> {
  const v = venue!
  const { awards, declared } = await api<{ awards: Award[]; declared: { nom: string }[] }>('GET', `/api/v1/venues/${v.id}/labels`)
  $('venue-labels').innerHTML =
    `${declared.length ? `<p class="fr-text--sm">Déclarés par le producteur : ${declared.map((d) => esc(d.nom)).join(', ')}</p>` : ''}
    <ul>${
      awards
        .map(
          (
            a,
          ) => `<li data-award="${a.id}" data-state="${a.state}"><strong>${esc(a.nom)}</strong> — ${STATE_NAMES[a.state] ?? a.state}, du ${esc(a.granted_on)}${a.expires_on ? ` au ${esc(a.expires_on)}` : ''}
      ${a.revoked_reason ? ` (motif : ${esc(a.revoked_reason)})` : ''}
      ${
        a.state !== 'revoked'
          ? `<span class="admin-inline"><input class="fr-input" aria-label="Motif du retrait" data-reason="${a.id}" placeholder="Motif du retrait">
        <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" data-revoke="${a.id}">Retirer</button>
        <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" data-renew="${a.id}">Renouveler</button></span>`
          : ''
      }</li>`,
        )
        .join('') || '<li>Aucune attribution.</li>'
    }</ul>`
  for (const button of $('venue-labels').querySelectorAll<HTMLButtonElement>('[data-revoke]')) {
    button.onclick = () => {
      const reason = ($('venue-labels').querySelector(`[data-reason="${button.dataset.revoke}"]`) as HTMLInputElement).value.trim()
      if (!reason) {
        flash('Indiquez le motif du retrait.', 'error')
        return
      }
      void act('Label retiré.', async () => {
        await api('POST', `/api/v1/venues/${v.id}/labels/${button.dataset.revoke}/revoke`, { reason })
        await renderLabels()
      })
    }
  }
  for (const button of $('venue-labels').querySelectorAll<HTMLButtonElement>('[data-renew]')) {
    button.onclick = () =>
      act('Label renouvelé.', async () => {
        await api('POST', `/api/v1/venues/${v.id}/labels/${button.dataset.renew}/renew`, {})
        await renderLabels()
      })
  }
}

async function award(event: Event): Promise<void> {
  event.preventDefault()
  const v = venue!
  const body: Record<string, unknown> = { label_id: Number(($('award-label') as HTMLSelectElement).value) }
  const start = ($('award-start') as HTMLInputElement).value
  const end = ($('award-end') as HTMLInputElement).value
  const evidence = ($('award-evidence') as HTMLInputElement).value.trim()
  if (start) body.granted_on = start
  if (end) body.expires_on = end
  if (evidence) body.evidence = evidence
  await act('Label attribué.', async () => {
    await api('POST', `/api/v1/venues/${v.id}/labels`, body)
    await renderLabels()
  })
}

async function search(event: Event): Promise<void> {
  event.preventDefault()
  const q = ($('venue-search') as HTMLInputElement).value.trim()
  if (/^[0-9a-f-]{36}$/i.test(q)) {
    $('venue-results').innerHTML = ''
    await load(q)
    return
  }
  const { items } = await api<{ items: Venue[] }>('GET', `/api/v1/venues?q=${encodeURIComponent(q)}&limit=10`)
  $('venue-results').innerHTML =
    items
      .map(
        (i) =>
          `<li><button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="button" data-open="${i.id}">${esc(i.nom)} — ${esc(i.commune)}</button></li>`,
      )
      .join('') || '<li>Aucun lieu.</li>'
  for (const b of $('venue-results').querySelectorAll<HTMLButtonElement>('[data-open]'))
    b.onclick = () => {
      void load(b.dataset.open!)
    }
}

export async function initVenueEditor(): Promise<void> {
  $('venue-open').addEventListener('submit', (e) => {
    void search(e)
  })
  $('venue-form').addEventListener('submit', (e) => {
    void save(e)
  })
  $('award-form').addEventListener('submit', (e) => {
    void award(e)
  })
  const { items } = await api<{ items: { id: number; nom: string }[] }>('GET', '/api/v1/labels')
  $('award-label').innerHTML = items.map((l) => `<option value="${l.id}">${esc(l.nom)}</option>`).join('')
}

export function openVenue(id: string): Promise<void> {
  return load(id)
}
