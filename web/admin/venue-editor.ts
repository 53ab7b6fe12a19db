// The venue editor, shared by /admin (curators, admins) and /territoire (territorial officers): every field of
// the standard, the hours editor, the draggable pin with the commune check, then the diff to confirm before the
// PATCH (If-Match with the version read). A curator's save is published; an officer's becomes a submission.
// Moderators also get labels and the history with revert.
import { act, api, ApiError, describeError, esc, flash } from './api.ts'
import { versionOrigin } from './history-origin.ts'
import { diffSnapshots, diffTable } from './diff.ts'
import { checkFields, FIELDS, readFields, renderFields, showFieldErrors, type FieldError } from './editor-fields.ts'
import { checkCommune, followInputs, showPin } from './editor-map.ts'
import { HoursEditor } from './hours-editor.ts'
import { renderVenueNeeds } from './venue-editor-needs.ts'
import { completion } from '../../domain/completion.ts'

interface Venue {
  id: string
  version: number
  nom: string
  status: string
  departement: string | null
  latitude: number | null
  longitude: number | null
  horaires: string | null
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
export interface OpenOptions {
  /** An error report being handled: its text is shown above the form. */
  report?: { id: string; text: string }
  /** Called after a successful save (published or submitted). */
  onSaved?: () => void
}

const STATUS_NAMES: Record<string, string> = { published: 'publié', pending: 'en attente', archived: 'archivé', closed: 'fermé' }
const STATE_NAMES: Record<string, string> = { active: 'actif', upcoming: 'à venir', expired: 'expiré', revoked: 'retiré' }
const FIELD_NAMES: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.name, f.label]))

let venue: Venue | null = null
let hours: HoursEditor | null = null
let options: OpenOptions = {}
/** Moderators (curator, admin) publish and manage labels; officers propose. */
let moderator = true
const $ = (id: string) => document.getElementById(id)!
const ifMatch = (v: Venue) => ({ 'if-match': `"${v.id}-v${v.version}"` })

function skeleton(): string {
  return `<div id="venue-report" hidden></div>
    <h2 class="fr-h3" id="venue-title" tabindex="-1"></h2>
    <p id="venue-meta" class="fr-text--sm"></p>
    <p class="fr-text--sm" id="venue-completion"></p>
    <form id="venue-form" novalidate>
      <div class="admin-columns">
        <div id="venue-fields"></div>
        <div class="editor-map-column"><div id="venue-map" aria-label="Carte : faites glisser l’épingle pour corriger la position"></div>
          <p class="fr-hint-text">Faites glisser l’épingle pour corriger la position (ou saisissez latitude et longitude),
            puis vérifiez vos modifications.</p>
          <p id="venue-commune-check" class="fr-text--sm" aria-live="polite"></p></div>
      </div>
      <div id="venue-review" tabindex="-1" hidden></div>
      <div class="editor-actions">
        <button class="fr-btn" type="submit" id="venue-save">Vérifier les modifications</button>
        <button class="fr-btn fr-btn--tertiary fr-ml-2w" type="button" id="venue-archive"></button>
      </div>
    </form>
    <div id="venue-moderation">
      <h3 class="fr-h4 fr-mt-4w">Labels</h3>
      <div id="venue-labels"></div>
      <form id="award-form" class="admin-inline">
        <div class="fr-select-group"><label class="fr-label" for="award-label">Label</label>
          <select class="fr-select" id="award-label"></select></div>
        <div class="fr-input-group"><label class="fr-label" for="award-start">Début</label>
          <input class="fr-input" type="date" id="award-start"></div>
        <div class="fr-input-group"><label class="fr-label" for="award-end">Fin (facultatif)</label>
          <input class="fr-input" type="date" id="award-end"></div>
        <div class="fr-input-group"><label class="fr-label" for="award-evidence">Justificatif</label>
          <input class="fr-input" id="award-evidence"></div>
        <button class="fr-btn" type="submit">Attribuer</button>
      </form>
    </div>
    <section id="venue-needs" aria-labelledby="needs-title"></section>
    <h3 class="fr-h4 fr-mt-4w">Historique</h3>
    <div id="venue-history"></div>`
}

async function load(id: string): Promise<void> {
  const res = await fetch(`/api/v1/venues/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' }, cache: 'no-store' })
  if (!res.ok) {
    flash('Lieu introuvable.', 'error')
    return
  }
  venue = (await res.json()) as Venue
  if (moderator) history.replaceState(null, '', `#venue/${venue.id}`)
  $('venue-editor').hidden = false
  $('venue-title').textContent = venue.nom
  $('venue-meta').textContent =
    `Identifiant ${venue.id} — version ${venue.version} — statut ${STATUS_NAMES[venue.status] ?? venue.status} — ` +
    `département ${venue.departement ?? '?'} — source ${String(venue.source ?? '?')}`
  const report = $('venue-report')
  report.hidden = !options.report
  report.innerHTML = options.report
    ? `<div class="fr-callout fr-mb-3w"><h3 class="fr-callout__title fr-h6">Signalement à traiter</h3>
      <p class="fr-callout__text" id="venue-report-text">${esc(options.report.text)}</p></div>`
    : ''
  renderForm()
  showPin($('venue-map'), venue.latitude, venue.longitude)
  followInputs()
  void checkCommune()
  await Promise.all([moderator ? renderLabels() : Promise.resolve(), renderHistory(), renderVenueNeeds($('venue-needs'), venue.id)])
}

function renderCompletion(): void {
  // The completion score is a curator's tool (what to ask the producer for); the public page does not show it.
  const score = completion(venue as unknown as Record<string, unknown>)
  $('venue-completion').textContent =
    `Fiche complétée à ${score.percent} %${score.missing.length ? ` — manque : ${score.missing.join(', ')}` : ''}.`
}

function renderForm(): void {
  const v = venue!
  renderCompletion()
  $('venue-fields').innerHTML = renderFields(v)
  hours = new HoursEditor($('hours-editor'), v.horaires)
  $('venue-review').hidden = true
  const archive = $('venue-archive') as HTMLButtonElement
  const archived = v.status === 'archived'
  archive.textContent = moderator ? (archived ? 'Rétablir' : 'Archiver') : archived ? 'Proposer le rétablissement' : 'Proposer l’archivage'
  archive.onclick = () =>
    act(
      moderator ? (archived ? 'Lieu rétabli.' : 'Lieu archivé.') : `Proposition ${archived ? 'de rétablissement' : 'd’archivage'} envoyée.`,
      async () => {
        await api(archived ? 'POST' : 'DELETE', `/api/v1/venues/${v.id}${archived ? '/restore' : ''}`, undefined, ifMatch(v))
        await load(v.id)
        options.onSaved?.()
      },
    )
}

/** The fields that change, as the PATCH body. */
function changes(values: Record<string, unknown>): Record<string, unknown> {
  const v = venue!
  const patch: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    const before = v[name] ?? (Array.isArray(value) ? [] : null)
    if (JSON.stringify(value) !== JSON.stringify(before)) patch[name] = value
  }
  return patch
}

function fail(errors: FieldError[], message: string): void {
  const first = showFieldErrors($('venue-form'), errors)
  flash(message, 'error')
  first?.focus()
}

/** First step of a save: check the form, then show what will change and ask for confirmation. */
function review(event: Event): void {
  event.preventDefault()
  const values = readFields($('venue-form'), hours!.value())
  const errors = checkFields(values)
  const hoursProblem = hours!.problem()
  if (hoursProblem) errors.push({ field: 'horaires', message: hoursProblem })
  if (errors.length) {
    fail(errors, `${errors.length} champ(s) à corriger avant d’enregistrer : voyez les messages sous les champs.`)
    return
  }
  showFieldErrors($('venue-form'), [])
  const patch = changes(values)
  if (Object.keys(patch).length === 0) {
    flash('Aucune modification.', 'info')
    return
  }
  const box = $('venue-review')
  box.hidden = false
  box.innerHTML = `<h3 class="fr-h5">Vérifiez vos modifications</h3>
    ${diffTable(diffSnapshots(venue!, patch), { current: 'Avant', proposed: 'Après' }, FIELD_NAMES)}
    ${moderator ? '' : '<p class="fr-text--sm">Vos modifications seront examinées par un curateur du territoire avant publication.</p>'}
    <button class="fr-btn" type="button" id="venue-confirm">${moderator ? 'Confirmer l’enregistrement' : 'Envoyer la proposition'}</button>
    <button class="fr-btn fr-btn--secondary fr-ml-2w" type="button" id="venue-cancel">Revenir au formulaire</button>`
  box.focus()
  $('venue-cancel').onclick = () => {
    box.hidden = true
    $('venue-save').focus()
  }
  $('venue-confirm').onclick = () => void save(patch)
}

async function save(patch: Record<string, unknown>): Promise<void> {
  const v = venue!
  try {
    const result = await api<{ submission_id?: string }>(
      'PATCH',
      `/api/v1/venues/${v.id}?reason=${encodeURIComponent('modification dans l’éditeur')}`,
      patch,
      ifMatch(v),
    )
    flash(
      result?.submission_id
        ? 'Proposition envoyée : un curateur du territoire l’examinera. Suivez-la dans « Mes propositions ».'
        : 'Fiche enregistrée.',
    )
    await load(v.id)
    options.onSaved?.()
  } catch (error) {
    $('venue-review').hidden = true
    if (error instanceof ApiError && error.status === 412)
      flash(
        `Quelqu’un a modifié la fiche entre-temps (version ${error.problem.current_version}). ` +
          'Rechargez-la avant de réappliquer vos changements.',
        'error',
      )
    else if (error instanceof ApiError && error.problem.errors?.length) fail(error.problem.errors, describeError(error))
    else flash(describeError(error), 'error')
  }
}

async function renderHistory(): Promise<void> {
  const v = venue!
  const { items } = await api<{ items: Version[] }>('GET', `/api/v1/venues/${v.id}/history`)
  $('venue-history').innerHTML = items
    .map((item, i) => {
      const previous = items[i + 1]
      const diff = previous
        ? diffTable(diffSnapshots(previous.data, item.data), { current: 'Avant', proposed: 'Après' }, FIELD_NAMES)
        : '<p class="fr-text--sm">Création.</p>'
      const revert =
        moderator && item.version !== v.version
          ? `<button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" data-revert="${item.version}">
            Revenir à la version ${item.version}</button>`
          : ''
      const when = esc(new Date(item.changed_at).toLocaleString('fr-FR'))
      const status = esc(STATUS_NAMES[item.status] ?? item.status)
      return `<article class="fr-mb-3w" data-version="${item.version}">
      <h4 class="fr-h6 fr-mb-1v">Version ${item.version} — ${when}</h4>
      <p class="fr-text--sm fr-mb-1v">${versionOrigin(item)} — statut ${status}</p>${diff}${revert}</article>`
    })
    .join('')
  for (const button of $('venue-history').querySelectorAll<HTMLButtonElement>('[data-revert]')) {
    button.onclick = () =>
      act(`Version ${button.dataset.revert} restaurée.`, async () => {
        await api('POST', `/api/v1/venues/${v.id}/revert`, { version: Number(button.dataset.revert) }, ifMatch(v))
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
          (a) => `<li data-award="${a.id}" data-state="${a.state}"><strong>${esc(a.nom)}</strong> — ${STATE_NAMES[a.state] ?? a.state},
      du ${esc(a.granted_on)}${a.expires_on ? ` au ${esc(a.expires_on)}` : ''}
      ${a.revoked_reason ? ` (motif : ${esc(a.revoked_reason)})` : ''}
      ${
        a.state !== 'revoked'
          ? `<span class="admin-inline">
        <input class="fr-input" aria-label="Motif du retrait" data-reason="${a.id}" placeholder="Motif du retrait">
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
    await openVenue(q)
    return
  }
  const { items } = await api<{ items: Venue[] }>('GET', `/api/v1/venues?q=${encodeURIComponent(q)}&limit=10`)
  $('venue-results').innerHTML =
    items
      .map(
        (i) =>
          `<li><button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="button" data-open="${i.id}">
            ${esc(i.nom)} — ${esc(i.commune)}</button></li>`,
      )
      .join('') || '<li>Aucun lieu.</li>'
  for (const b of $('venue-results').querySelectorAll<HTMLButtonElement>('[data-open]'))
    b.onclick = () => {
      void openVenue(b.dataset.open!)
    }
}

/**
 * Builds the editor in #venue-editor. `role` is the session's: officers (authority) get no labels and no
 * revert, and their saves are proposals (writes carry the CSRF token set in ./api.ts).
 */
export async function initVenueEditor(setup: { role?: string } = {}): Promise<void> {
  moderator = setup.role !== 'authority'
  $('venue-editor').innerHTML = skeleton()
  $('venue-moderation').hidden = !moderator
  document.getElementById('venue-open')?.addEventListener('submit', (e) => {
    void search(e)
  })
  $('venue-form').addEventListener('submit', review)
  if (!moderator) return
  $('award-form').addEventListener('submit', (e) => {
    void award(e)
  })
  const { items } = await api<{ items: { id: number; nom: string }[] }>('GET', '/api/v1/labels')
  $('award-label').innerHTML = items.map((l) => `<option value="${l.id}">${esc(l.nom)}</option>`).join('')
}

/** Opens a venue in the editor (contract with the moderation queue: keep this signature). */
export function openVenue(id: string, opts: OpenOptions = {}): Promise<void> {
  options = opts
  return load(id)
}
