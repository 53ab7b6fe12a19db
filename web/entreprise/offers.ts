// /entreprise: a member company's representative publishes its job offers (art. 6) — title, contract, commune, where
// to apply, closing date — and withdraws them. Offers past their closing date leave /emplois by themselves; a
// withdrawn one is archived by the API, never erased.
import { CONTRACT_LABELS, CONTRACT_TYPES, type ContractType } from '../../domain/committees.ts'
import { act, api, ApiError, describeError, esc, flash } from '../admin/api.ts'
import { showErrors } from '../admin/partners/field-errors.ts'
import { table } from '../admin/partners/form.ts'

interface Offer {
  id: string
  titre: string
  type_contrat: ContractType
  commune: string
  departement: string
  url: string
  date_cloture: string
  version: number
}
interface Place {
  label: string
  code_insee: string | null
}

const idOf = (field: string) => `offer-${field === 'code_insee' ? 'commune' : field}`
const dayFr = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })

function input(field: string, label: string, type: string, hint?: string): string {
  const hintHtml = hint ? `<span class="fr-hint-text">${esc(hint)}</span>` : ''
  const list = field === 'commune' ? ' list="offer-communes" autocomplete="off"' : ''
  return `<div class="fr-input-group"><label class="fr-label" for="offer-${field}">${esc(label)}${hintHtml}</label>
  <input class="fr-input" id="offer-${field}" name="${field}" type="${type}"${list}></div>`
}

async function places(q: string): Promise<Place[]> {
  const res = await fetch(`/api/v1/geocode?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } })
  return res.ok ? ((await res.json()).items as Place[]) : []
}

export function renderOffers(box: HTMLElement, companyId: string): void {
  box.innerHTML = `<h2 id="offers-title">Vos offres d’emploi</h2>
  <p>Vos offres sont montrées sur <a href="/emplois/">la page des offres</a> et sur la fiche des lieux à moins de 30 km, jusqu’à
    leur date de clôture incluse ; elles disparaissent ensuite d’elles-mêmes.</p>
  <div id="offers-list" aria-live="polite"></div>
  <form id="offer-form" class="space-form" novalidate aria-labelledby="offer-form-title">
    <h3 id="offer-form-title">Publier une offre</h3>
    ${input('titre', 'Intitulé du poste', 'text')}
    <div class="fr-select-group"><label class="fr-label" for="offer-type_contrat">Type de contrat</label>
      <select class="fr-select" id="offer-type_contrat">${CONTRACT_TYPES.map(
        (t) => `<option value="${t}">${esc(CONTRACT_LABELS[t])}</option>`,
      ).join('')}</select></div>
    ${input('commune', 'Commune du poste', 'text', 'nom de la commune ou code postal, puis choisissez dans la liste')}
    <datalist id="offer-communes"></datalist>
    ${input('url', 'Adresse de l’offre, où postuler', 'url', 'commence par https://')}
    ${input('date_cloture', 'Dernier jour de candidature', 'date')}
    <button class="fr-btn" type="submit">Publier l’offre</button>
  </form>`
  const form = box.querySelector<HTMLFormElement>('#offer-form')!
  const commune = form.querySelector<HTMLInputElement>('#offer-commune')!
  let suggestTimer: ReturnType<typeof setTimeout> | undefined
  commune.oninput = () => {
    clearTimeout(suggestTimer)
    const q = commune.value.trim()
    if (q.length < 2) return
    suggestTimer = setTimeout(async () => {
      box.querySelector('#offer-communes')!.innerHTML = (await places(q))
        .slice(0, 8)
        .map((p) => `<option value="${esc(p.label)}"></option>`)
        .join('')
    }, 200)
  }
  form.onsubmit = async (event) => {
    event.preventDefault()
    showErrors(form, [], idOf)
    const value = (field: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`#offer-${field}`)!.value.trim()
    const typed = value('commune')
    const place = typed ? (await places(typed)).find((p) => p.code_insee) : undefined
    if (!place) {
      const message = typed ? `aucune commune ne correspond à « ${typed} »` : 'commune obligatoire'
      showErrors(form, [{ field: 'commune', message }], idOf)?.focus()
      return
    }
    const body: Record<string, string> = { type_contrat: value('type_contrat'), code_insee: place.code_insee! }
    for (const field of ['titre', 'url', 'date_cloture']) if (value(field)) body[field] = value(field)
    try {
      await api('POST', '/api/v1/job-offers', body)
      flash(`Offre publiée à ${place.label} : elle est visible sur la page des offres jusqu’au jour de clôture inclus.`)
      form.reset()
      await drawList(box, companyId)
    } catch (error) {
      flash(describeError(error), 'error')
      const first = error instanceof ApiError ? showErrors(form, error.problem.errors ?? [], idOf) : null
      first?.focus()
    }
  }
  void drawList(box, companyId)
}

async function drawList(box: HTMLElement, companyId: string): Promise<void> {
  const list = box.querySelector<HTMLElement>('#offers-list')!
  try {
    const { items } = await api<{ items: Offer[] }>('GET', `/api/v1/job-offers?company_id=${companyId}&limit=100`)
    list.innerHTML = items.length
      ? table(
          'Offres ouvertes',
          ['Poste', 'Contrat', 'Commune', 'Clôture', 'Action'],
          items.map((o) => [
            `<a href="${esc(o.url)}" rel="noopener">${esc(o.titre)}</a>`,
            esc(CONTRACT_LABELS[o.type_contrat] ?? o.type_contrat),
            `${esc(o.commune)} (${esc(o.departement)})`,
            esc(dayFr(o.date_cloture)),
            `<button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-withdraw="${esc(o.id)}"
              data-version="${o.version}" aria-label="Retirer l’offre ${esc(o.titre)}">Retirer</button>`,
          ]),
          items.map((o) => `data-offer="${esc(o.id)}"`),
        )
      : '<p>Aucune offre ouverte pour l’instant : publiez-en une avec le formulaire ci-dessous.</p>'
  } catch (error) {
    list.innerHTML = `<p class="fr-error-text">${esc(describeError(error))}</p>`
    return
  }
  for (const button of list.querySelectorAll<HTMLButtonElement>('[data-withdraw]')) {
    button.onclick = async () => {
      const id = button.dataset.withdraw!
      const done = await act('Offre retirée : elle n’est plus montrée (elle reste archivée).', () =>
        api('DELETE', `/api/v1/job-offers/${id}`, undefined, { 'if-match': `"${id}-v${button.dataset.version}"` }),
      )
      if (done) await drawList(box, companyId)
    }
  }
}
