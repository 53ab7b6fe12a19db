// /territoire: the officers' space. A territorial officer (account with role authority, same sessions as
// /admin) lists its territory's venues, corrects them with the venue editor (its saves become submissions),
// follows its submissions (pending, approved, rejected with the curator's reason), downloads its territory's
// export and reads its indicators (the governance API, filtered to its territory).
import '../src/dsfr.ts'
import '../admin/style.css'
import { api, ApiError, esc, flash, setCsrf } from '../admin/api.ts'
import { diffTable, type DiffRow } from '../admin/diff.ts'
import { FIELDS } from '../admin/editor-fields.ts'
import { initVenueEditor, openVenue } from '../admin/venue-editor.ts'
import { number, percent } from '../../domain/governance/charts.ts'
import type { Indicators } from '../../domain/governance/indicators.ts'
import { wireSessionControls } from '../admin/session-controls.ts'

interface Caller {
  kind: string
  role: string
  territories: string[]
  label: string
}
interface VenueItem {
  id: string
  nom: string
  commune: string
  code_postal: string
  date_maj: string
}
interface Submission {
  id: string
  kind: string
  status: string
  venue_id: string | null
  venue_nom: string | null
  created_at: string
  reviewed_at: string | null
  decision_reason: string | null
  diff?: DiffRow[]
  payload?: { changes?: Record<string, unknown>; data?: Record<string, unknown> }
}

const KIND_NAMES: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  archive: 'Archivage',
  restore: 'Rétablissement',
  revert: 'Retour à une version',
}
const STATUS_BADGES: Record<string, string> = {
  pending: '<p class="fr-badge fr-badge--info fr-badge--sm">En attente</p>',
  approved: '<p class="fr-badge fr-badge--success fr-badge--sm">Approuvée</p>',
  rejected: '<p class="fr-badge fr-badge--error fr-badge--sm">Refusée</p>',
}
const FIELD_NAMES: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.name, f.label]))
const $ = (id: string) => document.getElementById(id)!
let caller: Caller | null = null
let nextCursor: string | null = null

/** `dep:33` → "Gironde (33)"-like words and the search parameter that selects it. */
function territoryLabel(t: string): string {
  if (t === 'fr') return 'France entière'
  const [kind, code] = t.split(':')
  return kind === 'dep' ? `Département ${code}` : `Région ${code}`
}
function territoryParams(t: string): Record<string, string> {
  const [kind, code] = t.split(':')
  return kind === 'dep' ? { departement: code } : kind === 'reg' ? { region: code } : {}
}
const territory = () => ($('territory') as HTMLSelectElement).value

function showView(name: string): void {
  // A message belongs to the view it was given in.
  $('flash').innerHTML = ''
  for (const section of document.querySelectorAll<HTMLElement>('.admin-view')) section.hidden = section.id !== `view-${name}`
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    if (button.dataset.view === name || (name === 'venue' && button.dataset.view === 'venues')) button.setAttribute('aria-current', 'page')
    else button.removeAttribute('aria-current')
  }
  const loaders: Record<string, () => Promise<void>> = {
    venues: () => loadVenues(false),
    submissions: loadSubmissions,
    indicators: loadIndicators,
  }
  void loaders[name]?.()
}

async function start(): Promise<void> {
  try {
    const me = await api<{ caller: Caller; csrf_token: string }>('GET', '/api/v1/auth/me')
    if (me.caller.kind !== 'session') throw new ApiError(401, {})
    caller = me.caller
    setCsrf(me.csrf_token)
  } catch {
    $('login-section').hidden = false
    $('app').hidden = true
    return
  }
  if (caller.role !== 'authority') {
    // Curators and admins work in /admin; say so rather than show them a space that is not theirs.
    $('login-section').hidden = true
    $('app').hidden = true
    flash('Cet espace est celui des agents de collectivité. Votre compte travaille dans l’administration : /admin/.', 'info')
    $('flash').insertAdjacentHTML('beforeend', '<p><a class="fr-link" href="/admin/">Aller à l’administration</a></p>')
    return
  }
  $('login-section').hidden = true
  $('app').hidden = false
  $('who').textContent =
    `${caller.label.replace(/^utilisateur:/, '')} — agent de collectivité (${caller.territories.map(territoryLabel).join(', ')})`
  $('logout').hidden = false
  ;($('territory') as HTMLSelectElement).innerHTML = caller.territories
    .map((t) => `<option value="${esc(t)}">${esc(territoryLabel(t))}</option>`)
    .join('')
  await initVenueEditor({ role: caller.role })
  showView('venues')
}

wireSessionControls(start)
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]'))
  button.addEventListener('click', () => showView(button.dataset.view!))

// Venues of the territory
async function loadVenues(more: boolean): Promise<void> {
  const params = new URLSearchParams({ ...territoryParams(territory()), limit: '50' })
  const q = ($('venues-q') as HTMLInputElement).value.trim()
  if (q) params.set('q', q)
  if (more && nextCursor) params.set('cursor', nextCursor)
  const { items, next_cursor } = await api<{ items: VenueItem[]; next_cursor: string | null }>('GET', `/api/v1/venues?${params}`)
  nextCursor = next_cursor
  const rows = items
    .map(
      (v) => `<tr><td>${esc(v.nom)}</td><td>${esc(v.code_postal)} ${esc(v.commune)}</td><td>${esc(
        new Date(v.date_maj).toLocaleDateString('fr-FR'),
      )}</td>
      <td><button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-edit="${esc(v.id)}"
        aria-label="Corriger la fiche ${esc(v.nom)}">Corriger</button></td></tr>`,
    )
    .join('')
  if (more) $('venues-list').querySelector('tbody')!.insertAdjacentHTML('beforeend', rows)
  else
    $('venues-list').innerHTML = items.length
      ? `<div class="admin-table"><table><caption class="fr-sr-only">Lieux publiés du territoire</caption>
      <thead><tr><th scope="col">Nom</th><th scope="col">Commune</th><th scope="col">Mise à jour</th>
        <th scope="col"><span class="fr-sr-only">Action</span></th></tr></thead>
      <tbody>${rows}</tbody></table></div>`
      : '<p>Aucun lieu publié ne correspond dans votre territoire.</p>'
  const shown = $('venues-list').querySelectorAll('tbody tr').length
  $('venues-count').textContent = `${shown} lieu(x) affiché(s)${nextCursor ? ', d’autres suivent' : ''}.`
  $('venues-more').hidden = !nextCursor
  for (const b of $('venues-list').querySelectorAll<HTMLButtonElement>('[data-edit]'))
    b.onclick = () => {
      showView('venue')
      void openVenue(b.dataset.edit!, { onSaved: () => undefined }).then(() => $('venue-title').focus())
    }
}
$('venues-filter').addEventListener('submit', (event) => {
  event.preventDefault()
  void loadVenues(false)
})
$('venues-more').addEventListener('click', () => void loadVenues(true))
$('back-to-list').addEventListener('click', () => showView('venues'))

// Submissions: the officer's own (the API lists only those for an authority)
async function loadSubmissions(): Promise<void> {
  const status = ($('submissions-status') as HTMLSelectElement).value
  const params = new URLSearchParams({ limit: '200' })
  if (status) params.set('status', status)
  const { items } = await api<{ items: Submission[] }>('GET', `/api/v1/submissions?${params}`)
  $('submission-detail').innerHTML = ''
  $('submissions-list').innerHTML = items.length
    ? `<div class="admin-table"><table><caption class="fr-sr-only">Vos propositions, les plus récentes d’abord</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Type</th><th scope="col">Lieu</th><th scope="col">Statut</th>
      <th scope="col">Motif du curateur</th><th scope="col"><span class="fr-sr-only">Détail</span></th></tr></thead><tbody>
    ${items
      .map(
        (s) => `<tr data-submission-row="${esc(s.id)}" data-status="${esc(s.status)}">
          <td>${esc(new Date(s.created_at).toLocaleString('fr-FR'))}</td><td>${esc(KIND_NAMES[s.kind] ?? s.kind)}</td>
      <td>${esc(s.venue_nom)}</td><td>${STATUS_BADGES[s.status] ?? esc(s.status)}</td><td>${esc(s.decision_reason ?? '')}</td>
      <td><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-detail="${esc(s.id)}"
        aria-label="Voir le détail de la proposition sur ${esc(s.venue_nom)}">Détail</button></td></tr>`,
      )
      .join('')}</tbody></table></div>`
    : '<p>Vous n’avez encore fait aucune proposition. Corrigez un lieu depuis « Mes lieux ».</p>'
  for (const b of $('submissions-list').querySelectorAll<HTMLButtonElement>('[data-detail]'))
    b.onclick = async () => {
      const s = await api<Submission>('GET', `/api/v1/submissions/${b.dataset.detail}`)
      const reason = s.decision_reason ? ` — motif : ${esc(s.decision_reason)}` : ''
      const decided = s.reviewed_at ? `décidée le ${esc(new Date(s.reviewed_at).toLocaleString('fr-FR'))}` : 'pas encore examinée'
      $('submission-detail').innerHTML = `<h2 class="fr-h5 fr-mt-3w">${esc(KIND_NAMES[s.kind] ?? s.kind)} — ${esc(s.venue_nom)}</h2>
        <p class="fr-text--sm">${STATUS_BADGES[s.status] ?? ''} ${decided}${reason}</p>
        ${s.status === 'pending' ? diffTable(s.diff ?? [], { current: 'Actuel', proposed: 'Proposé' }, FIELD_NAMES) : proposedTable(s)}`
      $('submission-detail').focus()
    }
}
$('submissions-status').addEventListener('change', () => void loadSubmissions())

/** Once decided, the venue has moved on: show what was proposed rather than a diff against today's sheet. */
function proposedTable(s: Submission): string {
  const fields = Object.entries(s.payload?.changes ?? s.payload?.data ?? {})
  if (fields.length === 0) return ''
  return `<div class="admin-table"><table><caption class="fr-sr-only">Champs proposés</caption>
    <thead><tr><th scope="col">Champ</th><th scope="col">Valeur proposée</th></tr></thead><tbody>
    ${fields
      .map(
        ([field, value]) =>
          `<tr data-field="${esc(field)}">
      <th scope="row">${esc(FIELD_NAMES[field] ?? field)}</th><td>${esc(value)}</td></tr>`,
      )
      .join('')}
    </tbody></table></div>`
}

// Indicators and export of the territory
async function loadIndicators(): Promise<void> {
  const t = caller!.territories[0] ?? 'fr'
  const params = new URLSearchParams(territoryParams(t))
  $('exports').innerHTML = [
    ['mediation-numerique.csv', 'Lieux au format du standard national (CSV)'],
    ['mediation-numerique.json', 'Lieux au format du standard national (JSON)'],
    ['data-inclusion/structures.json', 'Structures au format data·inclusion (JSON)'],
  ]
    .map(
      ([file, label]) =>
        `<li><a class="fr-link fr-icon-download-line fr-link--icon-left" href="/api/v1/export/${file}?${params}" ` +
        `download>${label} — ${esc(territoryLabel(t))}</a></li>`,
    )
    .join('')
  $('indicators').innerHTML = '<p>Calcul des indicateurs…</p>'
  try {
    const results = await Promise.all(
      caller!.territories.map((territory) =>
        api<Indicators>('GET', `/api/v1/governance/indicators?territory=${encodeURIComponent(territory)}`),
      ),
    )
    $('indicators').innerHTML = results.map(indicatorsBlock).join('')
  } catch (error) {
    $('indicators').innerHTML =
      `<p>Indicateurs indisponibles pour le moment (${esc(error instanceof Error ? error.message : String(error))}).</p>`
  }
}

function indicatorsBlock(i: Indicators): string {
  const zones = i.white_zones.communes.slice(0, 10)
  const zoneList = zones.map((z) => `${esc(z.nom)} (${number(z.population)} hab.)`).join(', ')
  const whiteZones = `${number(i.white_zones.count)} (${number(i.white_zones.population)} habitants)`
  const fresh = `${number(i.freshness.updated_within_12_months)} sur ${number(i.freshness.published)}`
  return `<section class="fr-mb-4w" aria-labelledby="ind-${esc(i.territory)}">
    <h2 class="fr-h4" id="ind-${esc(i.territory)}">${esc(territoryLabel(i.territory))}</h2>
    <div class="admin-table"><table><caption class="fr-sr-only">Chiffres clés</caption><tbody>
      <tr><th scope="row">Lieux publiés</th><td>${number(i.venues.published)}</td></tr>
      <tr><th scope="row">Lieux pour 10 000 habitants</th><td>${esc(i.venues.per_10000.toLocaleString('fr-FR'))}</td></tr>
      <tr><th scope="row">Population à moins de 5 km d’un lieu</th><td>${percent(i.coverage_km['5'])}</td></tr>
      <tr><th scope="row">Population à moins de 10 km</th><td>${percent(i.coverage_km['10'])}</td></tr>
      <tr><th scope="row">Population à moins de 20 km</th><td>${percent(i.coverage_km['20'])}</td></tr>
      <tr><th scope="row">Communes en zone blanche (plus de 20 km)</th><td>${whiteZones}</td></tr>
      <tr><th scope="row">Fiches mises à jour depuis moins d’un an</th><td>${fresh}</td></tr>
    </tbody></table></div>
    ${zones.length ? `<p class="fr-text--sm">Zones blanches les plus peuplées : ${zoneList}.</p>` : ''}
    <p class="fr-text--sm">Calculé le ${esc(new Date(i.as_of).toLocaleDateString('fr-FR'))}. Méthode et séries détaillées : <a
      class="fr-link" href="/gouvernance/">tableau de bord de gouvernance</a>.</p></section>`
}

void start()
