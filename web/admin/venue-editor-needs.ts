// The venue editor's « Besoins du lieu »: the venue's needs (open and closed), a form to declare one of the four
// kinds with its own fields, and closing or reopening one. Every write is the needs API's own (POST
// /api/v1/venues/{id}/needs, PATCH /api/v1/needs/{id}), so an officer's goes through the write gate as any API call
// does; the page says what the API answered (201 published, 202 submitted for review) and its refusals field by field.
import { NEED_KIND_LABELS, NEED_KINDS, NEED_STATUS_LABELS, needSummary, type NeedKind, type NeedStatus } from '../../domain/needs.ts'
import { csrf, esc, flash } from './api.ts'
import { showErrors, type FieldProblem } from './partners/field-errors.ts'
import { table } from './partners/form.ts'

interface Need {
  id: string
  kind: NeedKind
  status: NeedStatus
  description: string | null
  local_project: string | null
  devices_count: number | null
  devices_kind: string | null
  amount_eur: number | null
  skills: string | null
  created_at: string
  closed_at: string | null
  version: number
}
type Field = [name: string, label: string, type: 'text' | 'number', required: boolean, hint?: string]

/** The fields of each kind, as the API requires them (domain/needs.ts NEED_REQUIRED); a description is always allowed. */
const FIELDS: Record<NeedKind, Field[]> = {
  emploi_avenir: [
    ['local_project', 'Projet local qui accueillera le jeune', 'text', true, 'ex. ateliers numériques pour les seniors du quartier'],
  ],
  don_materiel: [
    ['devices_count', 'Combien d’appareils', 'number', true],
    ['devices_kind', 'Quels appareils', 'text', true, 'ex. ordinateurs portables, tablettes'],
  ],
  fonds_solidarites_numeriques: [['amount_eur', 'Montant recherché, en euros', 'number', true]],
  mecenat: [['skills', 'Compétences recherchées', 'text', true, 'ex. refonte du site, formation des médiateurs']],
}

const idOf = (field: string) => `need-${field.replaceAll('_', '-')}`

/** A write of the needs API: the status matters (201 published, 202 submitted), so fetch is called here directly. */
async function send(
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; data: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf(), ...headers },
    body: JSON.stringify(body),
  })
  return { status: res.status, data: await res.json().catch(() => ({})) }
}

function problemText(data: Record<string, unknown>, status: number): string {
  const errors = (data.errors as FieldProblem[] | undefined) ?? []
  const fields = errors.map((e) => `${e.field} : ${e.message}`).join(' ; ')
  return `${String(data.detail ?? `Erreur ${status}`)}${fields ? ` (${fields})` : ''}`
}

function accepted(status: number, published: string): string {
  return status === 202 ? 'Proposition envoyée : un curateur du territoire l’examinera avant publication.' : published
}

function detailFields(kind: NeedKind): string {
  const fields: Field[] = [
    ...FIELDS[kind],
    ['description', kind === 'fonds_solidarites_numeriques' ? 'Description du projet' : 'Précisions (facultatif)', 'text', false],
  ]
  if (kind === 'fonds_solidarites_numeriques') fields[1][3] = true
  return fields
    .map(([name, label, type, required, hint]) => {
      const id = idOf(name)
      const hintHtml = hint ? `<span class="fr-hint-text">${esc(hint)}</span>` : ''
      return `<div class="fr-input-group"><label class="fr-label" for="${id}">${esc(label)}${hintHtml}</label>
      <input class="fr-input" id="${id}" name="${name}" type="${type}"${type === 'number' ? ' min="1" step="any"' : ''}${
        required ? ' required' : ''
      }></div>`
    })
    .join('')
}

async function needsOf(venueId: string): Promise<Need[]> {
  const lists = await Promise.all(
    ['open', 'met', 'withdrawn'].map(async (status) => {
      const res = await fetch(`/api/v1/needs?venue_id=${venueId}&status=${status}&limit=1000`, { headers: { accept: 'application/json' } })
      return res.ok ? ((await res.json()) as { items: Need[] }).items : []
    }),
  )
  return lists.flat()
}

function needsTable(needs: Need[]): string {
  if (needs.length === 0) return '<p>Ce lieu n’a déclaré aucun besoin.</p>'
  const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('fr-FR') : '—')
  const action = (n: Need) =>
    n.status === 'open'
      ? `<button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-close-need="${esc(n.id)}"
        data-version="${n.version}">
        Clore le besoin « ${esc(NEED_KIND_LABELS[n.kind])} »</button>`
      : n.status === 'withdrawn'
        ? `<button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-reopen-need="${esc(n.id)}"
        data-version="${n.version}">
        Rouvrir le besoin « ${esc(NEED_KIND_LABELS[n.kind])} »</button>`
        : 'satisfait par un parrainage'
  return table(
    `Besoins déclarés (${needs.length})`,
    ['Besoin', 'Détail', 'État', 'Déclaré le', 'Clos le', 'Action'],
    needs.map((n) => [
      esc(NEED_KIND_LABELS[n.kind]),
      esc(needSummary(n)),
      esc(NEED_STATUS_LABELS[n.status]),
      day(n.created_at),
      day(n.closed_at),
      action(n),
    ]),
    needs.map((n) => `data-need="${esc(n.id)}" data-need-status="${esc(n.status)}"`),
  )
}

/** Draws the section for a venue in `box`. */
export async function renderVenueNeeds(box: HTMLElement, venueId: string): Promise<void> {
  const needs = await needsOf(venueId)
  box.innerHTML = `<h3 class="fr-h4 fr-mt-4w" id="needs-title" tabindex="-1">Besoins du lieu</h3>
    <p class="fr-text--sm">Ce que le lieu cherche auprès d’un parrain : un besoin ouvert paraît sur sa fiche et dans « Lieux qui
      cherchent un parrain » ; il est satisfait quand le lieu accepte l’aide d’une entreprise.</p>
    <div id="needs-list">${needsTable(needs)}</div>
    <form id="need-form" class="partners-form" novalidate aria-labelledby="need-form-title">
      <h4 class="fr-h6" id="need-form-title">Déclarer un besoin</h4>
      <div class="fr-select-group"><label class="fr-label" for="need-kind">Type de besoin</label>
        <select class="fr-select" id="need-kind">${NEED_KINDS.map((k) => `<option value="${k}">${esc(NEED_KIND_LABELS[k])}</option>`).join(
          '',
        )}</select></div>
      <div id="need-fields"></div>
      <button class="fr-btn" type="submit">Déclarer le besoin</button>
    </form>`
  const form = box.querySelector<HTMLFormElement>('#need-form')!
  const kind = form.querySelector<HTMLSelectElement>('#need-kind')!
  const draw = () => {
    form.querySelector('#need-fields')!.innerHTML = detailFields(kind.value as NeedKind)
  }
  kind.onchange = draw
  draw()
  form.onsubmit = async (event) => {
    event.preventDefault()
    showErrors(form, [], idOf)
    const body: Record<string, unknown> = { kind: kind.value }
    for (const input of form.querySelectorAll<HTMLInputElement>('#need-fields input')) {
      const value = input.value.trim()
      if (value !== '') body[input.name] = input.type === 'number' ? Number(value) : value
    }
    const { status, data } = await send('POST', `/api/v1/venues/${venueId}/needs`, body)
    if (status === 201 || status === 202) {
      flash(accepted(status, `Besoin déclaré : « ${NEED_KIND_LABELS[kind.value as NeedKind]} » paraît sur la fiche du lieu.`))
      await renderVenueNeeds(box, venueId)
      box.querySelector<HTMLElement>('#needs-title')!.focus()
      return
    }
    flash(problemText(data, status), 'error')
    showErrors(form, (data.errors as FieldProblem[] | undefined) ?? [], idOf)?.focus()
  }
  for (const button of box.querySelectorAll<HTMLButtonElement>('[data-close-need], [data-reopen-need]')) {
    button.onclick = async () => {
      const closing = button.dataset.closeNeed !== undefined
      const id = button.dataset.closeNeed ?? button.dataset.reopenNeed!
      // The version shown: a need changed meanwhile is refused (412) rather than overwritten.
      const ifMatch = { 'if-match': `"${id}-v${button.dataset.version}"` }
      const { status, data } = await send('PATCH', `/api/v1/needs/${id}`, { status: closing ? 'withdrawn' : 'open' }, ifMatch)
      if (status >= 200 && status < 300) {
        flash(accepted(status, closing ? 'Besoin clos : il ne paraît plus parmi les lieux qui cherchent un parrain.' : 'Besoin rouvert.'))
        await renderVenueNeeds(box, venueId)
        box.querySelector<HTMLElement>('#needs-title')!.focus()
      } else flash(problemText(data, status), 'error')
    }
  }
}
