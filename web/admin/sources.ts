// Harvested sources (administrators): the list with each source's last run and last failure, and a form to add one.
import { act, api, esc } from './api.ts'

interface Run {
  outcome: string
  started_at: string
  http_status: number | null
  bytes: number
  totals: Record<string, number>
  error: string | null
  rejected: { row: number | null; id: string | null; errors: { field: string; message: string }[] }[]
}
interface Source {
  name: string
  url: string
  every_seconds: number
  absent: string
  next_run_at: string
  last_run: Run | null
  last_failure: Run | null
}

const OUTCOMES: Record<string, string> = {
  applied: 'appliqué',
  not_modified: 'inchangé (304)',
  failed: 'échec',
  submitted: 'soumis à modération',
}
const period = (s: number) => (s % 86400 === 0 ? `${s / 86400} j` : s % 3600 === 0 ? `${s / 3600} h` : `${Math.round(s / 60)} min`)
const runText = (r: Run | null) =>
  r
    ? `${OUTCOMES[r.outcome] ?? r.outcome} le ${new Date(r.started_at).toLocaleString('fr-FR')} (HTTP ` +
      `${r.http_status ?? '—'}, ${r.bytes} octets)`
    : 'jamais'

export async function loadSources(list: HTMLElement): Promise<void> {
  const { items } = await api<{ items: Source[] }>('GET', '/api/v1/admin/sources')
  list.innerHTML =
    items.length === 0
      ? '<p>Aucune source moissonnée.</p>'
      : `<div class="admin-table"><table><caption class="fr-sr-only">Sources moissonnées</caption>
    <thead><tr><th scope="col">Source</th><th scope="col">Fichier</th><th scope="col">Période</th><th scope="col">Absents</th>
      <th scope="col">Dernier passage</th><th scope="col">Dernier échec</th></tr></thead><tbody>
    ${items
      .map(
        (s) => `<tr${s.last_run?.outcome === 'failed' ? ' class="sync-failed"' : ''}>
          <th scope="row">${esc(s.name)}</th><td>${esc(s.url)}</td><td>${period(s.every_seconds)}</td><td>${
            s.absent === 'archive' ? 'archivés' : 'gardés'
          }</td>
      <td>${esc(runText(s.last_run))}</td><td>${
        s.last_failure
          ? `<strong>${esc(s.last_failure.error)}</strong>${
              s.last_failure.rejected.length
                ? `<ul class="fr-text--sm">${s.last_failure.rejected
                    .slice(0, 10)
                    .map(
                      (r) =>
                        `<li>ligne ${esc(r.row ?? '—')} (${esc(r.id)}) : ` +
                        `${r.errors.map((e) => `${esc(e.field)} — ${esc(e.message)}`).join(' ; ')}</li>`,
                    )
                    .join('')}</ul>`
                : ''
            }<br><span class="fr-text--sm">${esc(new Date(s.last_failure.started_at).toLocaleString('fr-FR'))}</span>`
          : '—'
      }</td></tr>`,
      )
      .join('')}
    </tbody></table></div>`
}

export function initSourcesForm(form: HTMLFormElement, list: HTMLElement): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim()
    void act('Source enregistrée : premier passage au prochain tour du moissonneur.', async () => {
      await api('POST', '/api/v1/admin/sources', {
        name: value('name'),
        url: value('url'),
        every: value('every') || '24h',
        absent: value('absent'),
      })
      form.reset()
      await loadSources(list)
    })
  })
}
