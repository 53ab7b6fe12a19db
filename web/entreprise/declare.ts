// /entreprise: a member company's representative declares a sponsorship for its own company — the venue found by
// name or commune through the public search, the kind, the start date and the kind's own details. The API creates it
// « en attente » until the venue's curator or the CINOV-IT referent confirms; its refusals show under the fields.
import { SPONSORSHIP_KIND_WORDING, SPONSORSHIP_KINDS, type SponsorshipKind } from '../../domain/sponsorship.ts'
import { api, ApiError, describeError, esc, flash } from '../admin/api.ts'
import { showErrors } from '../admin/partners/field-errors.ts'

interface VenueHit {
  id: string
  nom: string
  commune: string
  code_postal: string
}
type Detail = [field: string, label: string, type: 'text' | 'number', hint?: string]

/** What each kind asks for, as the API requires it (api/sponsors/validate.ts, KIND_FIELDS). */
const DETAILS: Record<SponsorshipKind, Detail[]> = {
  emploi_avenir: [
    ['youth_count', 'Nombre de jeunes accueillis', 'number'],
    ['tutor_name', 'Tuteur au lieu (le médiateur)', 'text'],
    ['sponsor_name', 'Parrain dans votre entreprise', 'text', 'la personne qui suit le jeune pendant les trois ans'],
  ],
  don_materiel: [
    ['devices_count', 'Nombre d’appareils donnés', 'number'],
    ['refurbisher', 'Structure qui les reconditionne', 'text', 'structure de l’économie sociale et solidaire'],
  ],
  fonds_solidarites_numeriques: [['amount_eur', 'Montant de la contribution, en euros', 'number']],
  mecenat: [['description', 'Description courte du mécénat', 'text', 'ex. 10 jours d’un développeur pour refaire le site du lieu']],
}

function input(id: string, label: string, type: string, hint?: string, attrs = ''): string {
  const hintHtml = hint ? `<span class="fr-hint-text">${esc(hint)}</span>` : ''
  return `<div class="fr-input-group"><label class="fr-label" for="${id}">${esc(label)}${hintHtml}</label>
  <input class="fr-input" id="${id}" name="${id}" type="${type}"${attrs}></div>`
}

const idOf = (field: string) => (field === 'venue_id' ? 'declare-venue-q' : `declare-${field}`)

export function renderDeclareForm(box: HTMLElement, companyId: string, onDeclared: () => Promise<void>): void {
  box.innerHTML = `<h2 id="declare-title">Déclarer un parrainage</h2>
  <p>Votre entreprise parraine déjà un lieu, ou s’y engage ? Déclarez-le ici : il reste « en attente de confirmation » jusqu’à
    ce que le curateur du lieu ou le référent CINOV-IT le confirme.</p>
  <form id="declare-form" class="space-form" novalidate aria-labelledby="declare-title">
    <div class="fr-input-group"><label class="fr-label" for="declare-venue-q">Lieu parrainé : nom ou commune
      <span class="fr-hint-text">puis « Chercher le lieu » (ou Entrée) et choisissez-le dans la liste</span></label>
      <div class="declare-search"><input class="fr-input" id="declare-venue-q" type="search" autocomplete="off">
      <button class="fr-btn fr-btn--secondary" type="button" id="declare-search">Chercher le lieu</button></div></div>
    <div id="declare-venues" aria-live="polite"></div>
    <div class="fr-select-group"><label class="fr-label" for="declare-kind">Type de parrainage</label>
      <select class="fr-select" id="declare-kind">${SPONSORSHIP_KINDS.map(
        (k) => `<option value="${k}">${esc(SPONSORSHIP_KIND_WORDING[k].title)}</option>`,
      ).join('')}</select></div>
    ${input('declare-started_on', 'Date de début', 'date')}
    <div id="declare-details"></div>
    <button class="fr-btn" type="submit">Déclarer le parrainage</button>
  </form>`
  const form = box.querySelector<HTMLFormElement>('#declare-form')!
  const kind = form.querySelector<HTMLSelectElement>('#declare-kind')!
  const drawDetails = () => {
    form.querySelector('#declare-details')!.innerHTML = DETAILS[kind.value as SponsorshipKind]
      .map(([field, label, type, hint]) => input(`declare-${field}`, label, type, hint, type === 'number' ? ' min="1" step="any"' : ''))
      .join('')
  }
  kind.onchange = drawDetails
  drawDetails()
  const query = form.querySelector<HTMLInputElement>('#declare-venue-q')!
  const search = () => void findVenues(form, query.value.trim())
  form.querySelector<HTMLButtonElement>('#declare-search')!.onclick = search
  query.onkeydown = (event) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    search()
  }
  form.onsubmit = async (event) => {
    event.preventDefault()
    showErrors(form, [], idOf)
    const body: Record<string, unknown> = { company_id: companyId, kind: kind.value }
    const venue = form.querySelector<HTMLInputElement>('input[name="declare-venue"]:checked')?.value
    if (venue) body.venue_id = venue
    const started = form.querySelector<HTMLInputElement>('#declare-started_on')!.value
    if (started) body.started_on = started
    for (const [field, , type] of DETAILS[kind.value as SponsorshipKind]) {
      const value = form.querySelector<HTMLInputElement>(`#declare-${field}`)!.value.trim()
      if (value !== '') body[field] = type === 'number' ? Number(value) : value
    }
    try {
      await api('POST', '/api/v1/sponsorships', body)
      flash('Parrainage déclaré : il est en attente de confirmation par le curateur du lieu ou le référent CINOV-IT.')
      await onDeclared()
    } catch (error) {
      flash(describeError(error), 'error')
      const first = error instanceof ApiError ? showErrors(form, error.problem.errors ?? [], idOf) : null
      first?.focus()
    }
  }
}

async function findVenues(form: HTMLFormElement, q: string): Promise<void> {
  const box = form.querySelector<HTMLElement>('#declare-venues')!
  if (q.length < 2) {
    box.innerHTML = '<p class="fr-error-text">Tapez au moins deux lettres du nom du lieu ou de sa commune.</p>'
    return
  }
  try {
    const { items } = await api<{ items: VenueHit[] }>('GET', `/api/v1/venues?q=${encodeURIComponent(q)}&limit=8`)
    box.innerHTML = items.length
      ? `<fieldset class="fr-fieldset" id="declare-venue-choices" aria-labelledby="declare-venues-legend">
        <legend class="fr-fieldset__legend fr-text--regular" id="declare-venues-legend">
          Lieux trouvés (${items.length}) : choisissez-en un</legend>
        ${items
          .map(
            (v, i) => `<div class="fr-fieldset__element"><div class="fr-radio-group">
          <input type="radio" id="declare-venue-${i}" name="declare-venue" value="${esc(v.id)}"${i === 0 ? ' checked' : ''}>
          <label class="fr-label" for="declare-venue-${i}">${esc(v.nom)} — ${esc(v.commune)} (${esc(v.code_postal)})</label></div></div>`,
          )
          .join('')}</fieldset>`
      : `<p>Aucun lieu publié ne correspond à « ${esc(q)} ». Essayez le nom de la commune.</p>`
  } catch (error) {
    box.innerHTML = `<p class="fr-error-text">${esc(describeError(error))}</p>`
  }
}
