// One queue item in full: a creation proposal with its name, a small map and the venues within 200 m; a report
// with its message and its own verbs (« Corriger la fiche », « Classer sans suite »); other proposals with
// their field-by-field diff, approve and reject.
import { esc } from '../api.ts'
import { diffTable } from '../diff.ts'
import { showMiniMap } from './mini-map.ts'
import { KIND_NAMES, type Submission } from './types.ts'

export function detailTitle(s: Submission): string {
  const name = s.venue_nom ?? (s.payload.data as { nom?: string } | undefined)?.nom ?? 'lieu sans nom'
  return s.kind === 'create' ? `Création du lieu « ${name} »` : `${KIND_NAMES[s.kind] ?? s.kind} — ${name}`
}

const QUEUE_MAP =
  '<div><div id="queue-map" role="region" aria-label="Carte : le lieu proposé (rouge) et les lieux publiés proches (bleu)"></div>' +
  '<p class="fr-text--xs fr-mb-0">En rouge le lieu proposé, en bleu les lieux publiés. ' +
  'Limites : IGN Admin Express (Licence Ouverte), simplifiées par france-geojson.</p></div>'

function nearbyList(s: Submission): string {
  const nearby = s.nearby ?? []
  if (nearby.length === 0)
    return '<p class="fr-text--sm" id="queue-nearby">Aucun lieu publié à moins de 200 m : pas de doublon probable.</p>'
  return `<div id="queue-nearby"><p class="fr-text--sm fr-mb-1w"><strong>Doublons possibles</strong> : lieux publiés à moins de 200 m.</p>
    <ul class="fr-text--sm">
    ${nearby
      .map((v) => `<li><a href="#venue/${v.id}">${esc(v.nom)}</a> — ${esc(v.adresse)} ${esc(v.commune)} (${v.distance_m} m)</li>`)
      .join('')}</ul></div>`
}

function actions(s: Submission): string {
  if (s.status !== 'pending') return `<p>Décision : ${esc(s.status)} ${esc(s.decision_reason)}</p>`
  if (s.kind === 'report')
    return `<div class="admin-inline">
      <button class="fr-btn" type="button" id="report-fix">Corriger la fiche</button>
      <div class="fr-input-group"><label class="fr-label" for="reject-reason">Motif du classement <span
        class="fr-hint-text">touche r, puis Entrée</span></label><input class="fr-input" id="reject-reason" list="report-reasons"></div>
      <datalist id="report-reasons"><option value="Information déjà à jour"><option value="Signalement non vérifiable">
        <option value="Hors sujet"></datalist>
      <button class="fr-btn fr-btn--secondary" type="button" id="reject">Classer sans suite</button></div>`
  return `<div class="admin-inline">
      <button class="fr-btn" type="button" id="approve">Approuver</button>
      <div class="fr-input-group"><label class="fr-label" for="reject-reason">Motif du refus <span
        class="fr-hint-text">transmis à l’auteur ; touche r, puis Entrée</span></label><input class="fr-input" id="reject-reason"></div>
      <button class="fr-btn fr-btn--secondary" type="button" id="reject">Refuser</button></div>`
}

export function renderDetail(container: HTMLElement, s: Submission): void {
  const report =
    s.kind === 'report'
      ? `<div class="fr-callout fr-mb-2w"><p class="fr-callout__text" id="report-message">${esc(s.message)}</p><p ` +
        `class="fr-text--sm fr-mb-0">Signalé par ${esc(s.reporter_name) || 'une personne anonyme'} ` +
        `${esc(s.reporter_email)}${s.payload.champ ? ` — champ ${esc(s.payload.champ)}` : ''}</p></div>`
      : ''
  const data = s.payload.data as
    | { latitude?: number; longitude?: number; adresse?: string; code_postal?: string; commune?: string }
    | undefined
  const located = s.kind === 'create' && typeof data?.latitude === 'number' && typeof data?.longitude === 'number'
  const create =
    s.kind === 'create'
      ? `<p class="fr-text--sm">${esc(data?.adresse)} ${esc(data?.code_postal)} ${esc(data?.commune)}</p>
        <div class="queue-create">${located ? QUEUE_MAP : '<p>Position non renseignée.</p>'}${nearbyList(s)}</div>`
      : ''
  // A report has nothing to diff: its verbs replace approve/reject.
  // A creation lists only the fields it fills (empty lists and nulls say nothing).
  const filled = (v: unknown) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)
  const rows = s.kind === 'create' ? (s.diff ?? []).filter((r) => filled(r.proposed)) : (s.diff ?? [])
  const diff = s.kind === 'report' ? '' : diffTable(rows)
  container.innerHTML = `<h2 class="fr-h4" id="queue-detail-title" tabindex="-1">${esc(detailTitle(s))}</h2>
    <p class="fr-text--sm">Proposé par ${esc(s.submitted_by)} le ${esc(new Date(s.created_at).toLocaleString('fr-FR'))}${
      s.venue_id ? ` — <a href="#venue/${s.venue_id}">ouvrir la fiche</a>` : ''
    }</p>
    ${report}${create}${diff}${actions(s)}`
  if (located)
    showMiniMap(
      container.querySelector<HTMLElement>('#queue-map')!,
      { latitude: data.latitude!, longitude: data.longitude! },
      (s.nearby ?? []).map((v) => ({ nom: v.nom, latitude: v.latitude ?? undefined, longitude: v.longitude ?? undefined })),
    )
}
