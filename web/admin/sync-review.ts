// Reviewing a whole-file sync (one submission, kind `sync`): its diff row by row with a checkbox each, approved
// whole or only the rows ticked (POST /api/v1/submissions/{id}/approve with `rows`).
import { act, api, esc } from './api.ts'

interface Change {
  field: string
  from: unknown
  to: unknown
}
interface SyncPayload {
  source: string
  created: { row: number; id: string; nom: string }[]
  updated: { row: number; id: string; nom: string; changes: Change[] }[]
  archive: { id: string; nom: string }[]
}

/** Replaces the plain diff of a pending sync submission with a selectable one. */
export function renderSyncReview(
  container: HTMLElement,
  submissionId: string,
  payload: SyncPayload,
  pending: boolean,
  done: () => Promise<void>,
): void {
  const line = (id: string, what: string, detail: string) => `<tr>
    <td>${
      pending
        ? `<input type="checkbox" checked
      data-sync-row="${esc(id)}" id="sync-${esc(id)}" aria-label="Appliquer ${esc(id)}">`
        : ''
    }</td>
    <th scope="row"><label for="sync-${esc(id)}">${esc(id)}</label></th><td>${what}</td><td>${detail}</td></tr>`
  const rows = [
    ...payload.created.map((c) => line(c.id, 'Création', `ligne ${c.row} — ${esc(c.nom)}`)),
    ...payload.updated.map((u) =>
      line(
        u.id,
        'Modification',
        `ligne ${u.row} — ${esc(u.nom)}<ul class="fr-text--sm">${u.changes
          .map(
            (ch) =>
              `<li>${esc(ch.field)} : <span class="diff-old">${esc(ch.from)}</span> → <span class="diff-new">${esc(ch.to)}</span></li>`,
          )
          .join('')}</ul>`,
      ),
    ),
    ...payload.archive.map((a) => line(a.id, 'Archivage', `${esc(a.nom)} — absent du fichier`)),
  ]
  container.innerHTML = `<p>Synchronisation de la source <strong>${esc(payload.source)}</strong> : ${payload.created.length} création(s),
    ${payload.updated.length} modification(s), ${payload.archive.length} archivage(s).</p>
    <div class="admin-table"><table><caption class="fr-sr-only">Diff de la synchronisation, ligne par ligne</caption>
    <thead><tr><th scope="col">Appliquer</th><th scope="col">Identifiant</th><th scope="col">Changement</th>
      <th scope="col">Détail</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table></div>
    ${pending ? '<button class="fr-btn fr-btn--secondary" type="button" id="approve-selected">Approuver les lignes cochées</button>' : ''}`
  const button = container.querySelector<HTMLButtonElement>('#approve-selected')
  if (!button) return
  button.onclick = () => {
    const ids = [...container.querySelectorAll<HTMLInputElement>('[data-sync-row]')].filter((c) => c.checked).map((c) => c.dataset.syncRow!)
    void act(`${ids.length} ligne(s) appliquée(s) ; les autres sont écartées.`, async () => {
      await api('POST', `/api/v1/submissions/${submissionId}/approve`, { rows: ids })
      await done()
    })
  }
}
