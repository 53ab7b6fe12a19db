// /gouvernance → "Critères du réseau": the version adopted by the committee and, per computable criterion, the
// share of the territory's published venues that meet it (today's data).
import { percent, number } from '../../domain/governance/charts.ts'
import { escapeHtml as esc } from '../../domain/html.ts'

interface Criteria {
  published: number
  version: number | null
  adopted_on: string | null
  criteria: { code: string; libelle: string; mesure: string | null; venues: number | null; share: number | null }[]
}

export async function renderCriteria(box: HTMLElement, territory: string): Promise<void> {
  const res = await fetch(`/api/v1/governance/criteria?territory=${encodeURIComponent(territory)}`)
  if (!res.ok) {
    box.innerHTML = '<p>Les critères n’ont pas pu être chargés.</p>'
    return
  }
  const data = (await res.json()) as Criteria
  if (data.version === null) {
    box.innerHTML =
      '<p>Le comité de gouvernance n’a pas encore adopté de liste de critères. Elle apparaîtra ici avec, pour chaque ' +
      'critère mesurable, la part des lieux qui le remplissent. <a class="fr-link" href="/gouvernance/comites/">Voir ' +
      'les séances des comités</a></p>'
    return
  }
  const adopted = esc(new Date(`${data.adopted_on}T12:00:00Z`).toLocaleDateString('fr-FR'))
  box.innerHTML = `<p>Version ${data.version}, adoptée le ${adopted} — ${number(data.published)} lieux publiés sur ce territoire.</p>
  <div class="fr-table"><table><caption>Part des lieux publiés qui remplissent chaque critère</caption>
  <thead><tr><th scope="col">Critère</th><th scope="col">Lieux</th><th scope="col">Part</th></tr></thead><tbody>
  ${data.criteria
    .map(
      (c) =>
        `<tr data-criterion="${esc(c.code)}"><td>${esc(c.libelle)}</td><td>` +
        `${c.venues === null ? 'vérifié par le comité' : number(c.venues)}</td><td>` +
        `${c.share === null ? '—' : percent(c.share)}</td></tr>`,
    )
    .join('')}</tbody></table></div>`
}
