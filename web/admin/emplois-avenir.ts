// /admin → Emplois d'avenir: contracts ending within 3 months (or ended without outcome), and the outcome
// recorded at the end as an aggregate category (admins; no personal data on the young person).
import { EMPLOI_AVENIR_OUTCOMES, OUTCOME_LABELS, type EmploiAvenirOutcome } from '../../domain/committees.ts'
import { act, api, esc } from './api.ts'

interface Ending {
  id: string
  entreprise: string
  lieu: string
  commune: string | null
  venue_id: string
  ended_on: string
  days_left: number
  youth_count: number | null
  outcome: EmploiAvenirOutcome | null
  version: number
}

const $ = (id: string) => document.getElementById(id)!
const dayFr = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString('fr-FR')
const term = (e: Ending) =>
  e.days_left < 0 ? `terme passé depuis ${-e.days_left} j` : e.days_left === 0 ? 'aujourd’hui' : `dans ${e.days_left} j`

export async function loadEmploisAvenir(isAdmin: boolean): Promise<void> {
  const { items } = await api<{ items: Ending[] }>('GET', '/api/v1/emplois-avenir/echeances?within_days=90')
  const options = (current: EmploiAvenirOutcome | null) =>
    `<option value="">— choisir —</option>` +
    `${EMPLOI_AVENIR_OUTCOMES.map(
      (o) => `<option
      value="${o}"${o === current ? ' selected' : ''}>${esc(OUTCOME_LABELS[o])}</option>`,
    ).join('')}`
  $('ea-list').innerHTML =
    items.length === 0
      ? '<p>Aucun contrat n’arrive à terme dans les 3 prochains mois, et tous les devenirs sont saisis.</p>'
      : `<div class="admin-table"><table><caption>Contrats arrivant à terme dans les 3 mois ou terminés sans devenir saisi</caption>
    <thead><tr><th scope="col">Entreprise</th><th scope="col">Lieu</th><th scope="col">Jeunes</th><th scope="col">Terme</th>
      <th scope="col">Devenir</th></tr></thead><tbody>
    ${items
      .map(
        (e) => `<tr data-ea="${e.id}"><td>${esc(e.entreprise)}</td><td><a
          href="/lieux/${e.venue_id}">${esc(e.lieu)}</a>${e.commune ? ` (${esc(e.commune)})` : ''}</td>
      <td>${e.youth_count ?? 1}</td><td>${esc(dayFr(e.ended_on))} — ${esc(term(e))}</td>
      <td>${
        isAdmin
          ? `<form class="admin-inline" data-outcome="${e.id}"><div class="fr-select-group">
            <label class="fr-label" for="ea-${e.id}">Devenir à la sortie</label>
            <select class="fr-select" id="ea-${e.id}" required>${options(e.outcome)}</select></div>
            <button class="fr-btn fr-btn--sm" type="submit">Enregistrer</button></form>`
          : esc(e.outcome ? OUTCOME_LABELS[e.outcome] : 'à saisir par un administrateur')
      }</td></tr>`,
      )
      .join('')}
    </tbody></table></div>`
  for (const form of $('ea-list').querySelectorAll<HTMLFormElement>('form[data-outcome]')) {
    form.onsubmit = async (event) => {
      event.preventDefault()
      const outcome = form.querySelector('select')!.value
      const done = await act('Devenir enregistré.', () => api('POST', `/api/v1/sponsorships/${form.dataset.outcome}/outcome`, { outcome }))
      if (done) await loadEmploisAvenir(isAdmin)
    }
  }
}
