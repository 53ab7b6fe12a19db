// /admin, partners view: member companies — create, edit, archive, and the CSV import with its preview.
import { act, api, ApiError, csrf, describeError, esc, flash } from '../api.ts'
import { field, select, table, values } from './form.ts'

const EXAMPLE_BADGE = '<span class="fr-badge fr-badge--sm fr-badge--warning">exemple fictif</span>'

interface Company {
  id: string
  nom: string
  siret: string
  commune: string | null
  code_postal: string | null
  adresse: string | null
  cinov_member_since: string | null
  cinov_status: string
  contact_courriel: string | null
  site_web: string | null
  is_example?: boolean
  version: number
}
const FIELDS: [string, string, string][] = [
  ['nom', 'Raison sociale', 'text'],
  ['siret', 'SIRET', 'text'],
  ['adresse', 'Adresse', 'text'],
  ['code_postal', 'Code postal', 'text'],
  ['commune', 'Commune', 'text'],
  ['cinov_member_since', 'Membre CINOV-IT depuis', 'date'],
  ['contact_courriel', 'Courriel de contact', 'email'],
  ['site_web', 'Site web', 'url'],
]

function companyForm(prefix: string, company?: Company): string {
  const inputs = FIELDS.map(([f, label, type]) =>
    field(`${prefix}${f}`, label, { type, value: company?.[f as keyof Company] ?? '', required: f === 'nom' || f === 'siret' }),
  )
  return `${inputs.join('')}
  ${select(
    `${prefix}cinov_status`,
    'Adhésion',
    [
      ['active', 'active'],
      ['suspended', 'suspendue'],
      ['former', 'ancien membre'],
    ],
    company?.cinov_status ?? 'active',
  )}`
}

export async function renderCompanies(root: HTMLElement, refresh: () => Promise<void>): Promise<Company[]> {
  const { items } = await api<{ items: Company[] }>('GET', '/api/v1/companies?limit=1000')
  root.innerHTML = `<h3>Entreprises membres</h3>
  ${
    items.length
      ? table(
          `Entreprises membres (${items.length})`,
          ['Entreprise', 'SIRET', 'Commune', 'Adhésion', 'Actions'],
          items.map((c) => [
            `<a href="/parrainages/entreprises/${esc(c.id)}">${esc(c.nom)}</a>${c.is_example ? ` ${EXAMPLE_BADGE}` : ''}`,
            esc(c.siret),
            esc(c.commune ?? ''),
            esc(c.cinov_member_since ?? 'non confirmée'),
            `<button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-edit-company="${esc(c.id)}">
        Modifier ${esc(c.nom)}</button>
      <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-archive-company="${esc(c.id)}">
        Archiver ${esc(c.nom)}</button>`,
          ]),
        )
      : '<p>Aucune entreprise pour l’instant : créez-en une ou importez un fichier CSV.</p>'
  }
  <form id="company-edit-form" class="partners-form" hidden><h4 id="company-edit-title">Modifier</h4>
    <div id="company-edit-fields"></div>
    <button class="fr-btn" type="submit">Enregistrer</button>
    <button class="fr-btn fr-btn--tertiary" type="button" id="company-edit-cancel">Annuler</button></form>
  <details class="fr-mt-2w"><summary>Créer une entreprise</summary>
    <form id="company-create-form" class="partners-form">${companyForm('new-company-')}
      <button class="fr-btn" type="submit">Créer l’entreprise</button></form></details>
  <details class="fr-mt-2w"><summary>Importer des entreprises (CSV)</summary>
    <form id="company-import-form" class="partners-form">
      <div class="fr-input-group"><label class="fr-label" for="company-import-file">Fichier CSV
        <span class="fr-hint-text">Colonnes : siret, nom, code_naf, adresse, code_postal, commune, cinov_member_since…
          Une entreprise connue (même SIRET) est mise à jour.</span></label>
      <input class="fr-upload" id="company-import-file" type="file" accept=".csv,text/csv" required></div>
      <button class="fr-btn" type="submit">Prévisualiser</button>
    </form>
    <div id="company-import-preview" aria-live="polite"></div></details>`

  root.querySelector<HTMLFormElement>('#company-create-form')!.onsubmit = async (event) => {
    event.preventDefault()
    if (await act('Entreprise créée.', () => api('POST', '/api/v1/companies', values(event.target as HTMLFormElement, 'new-company-'))))
      await refresh()
  }
  const editForm = root.querySelector<HTMLFormElement>('#company-edit-form')!
  root.querySelector<HTMLButtonElement>('#company-edit-cancel')!.onclick = () => {
    editForm.hidden = true
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-edit-company]')) {
    button.onclick = () => {
      const company = items.find((c) => c.id === button.dataset.editCompany)!
      root.querySelector('#company-edit-title')!.textContent = `Modifier ${company.nom}`
      root.querySelector('#company-edit-fields')!.innerHTML = companyForm('edit-company-', company)
      editForm.hidden = false
      root.querySelector<HTMLInputElement>('#edit-company-nom')!.focus()
      editForm.onsubmit = async (event) => {
        event.preventDefault()
        const body = values(editForm, 'edit-company-')
        if (
          await act('Entreprise modifiée.', () =>
            api('PATCH', `/api/v1/companies/${company.id}`, body, { 'if-match': `"${company.id}-v${company.version}"` }),
          )
        )
          await refresh()
      }
    }
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-archive-company]')) {
    button.onclick = async () => {
      if (!confirm('Archiver cette entreprise ? Elle disparaît des listes publiques ; rien n’est effacé.')) return
      if (await act('Entreprise archivée.', () => api('DELETE', `/api/v1/companies/${button.dataset.archiveCompany}`))) await refresh()
    }
  }
  root.querySelector<HTMLFormElement>('#company-import-form')!.onsubmit = async (event) => {
    event.preventDefault()
    const file = root.querySelector<HTMLInputElement>('#company-import-file')!.files?.[0]
    if (!file) return
    const text = await file.text()
    await previewImport(root.querySelector('#company-import-preview')!, text, refresh)
  }
  return items
}

async function uploadCsv(text: string, dryRun: boolean) {
  const res = await fetch(`/api/v1/companies/import?dry_run=${dryRun}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'text/csv', 'x-csrf-token': csrf(), accept: 'application/json' },
    body: text,
  })
  const body = await res.json().catch(() => ({}))
  if (!res.ok && res.status !== 422) throw new ApiError(res.status, body)
  return body as {
    summary: { created: number; updated: number; rejected: number }
    rows: { row: number; siret: string | null; status: string; errors: { field: string; message: string }[] }[]
  }
}

async function previewImport(box: HTMLElement, text: string, refresh: () => Promise<void>) {
  try {
    const report = await uploadCsv(text, true)
    const { created, updated, rejected } = report.summary
    const results: Record<string, string> = { created: 'création', updated: 'mise à jour', rejected: 'refusée' }
    const rows = report.rows.map((r) => [
      String(r.row),
      esc(r.siret ?? ''),
      esc(results[r.status] ?? r.status),
      esc(r.errors.map((e) => `${e.field} : ${e.message}`).join(' ; ')),
    ])
    const next = rejected
      ? '<p>Corrigez les lignes refusées puis prévisualisez à nouveau : l’import est tout ou rien.</p>'
      : '<button class="fr-btn" type="button" id="company-import-confirm">Confirmer l’import</button>'
    box.innerHTML = `<p>Aperçu : ${created} création(s), ${updated} mise(s) à jour, ${rejected} ligne(s) refusée(s).
      Rien n’est encore écrit.</p>
    ${table('Lignes du fichier', ['Ligne', 'SIRET', 'Résultat', 'Erreurs'], rows)}
    ${next}`
    const confirmButton = box.querySelector<HTMLButtonElement>('#company-import-confirm')
    if (confirmButton)
      confirmButton.onclick = async () => {
        try {
          const done = await uploadCsv(text, false)
          flash(`Import terminé : ${done.summary.created} création(s), ${done.summary.updated} mise(s) à jour.`)
          await refresh()
        } catch (error) {
          flash(describeError(error), 'error')
        }
      }
  } catch (error) {
    flash(describeError(error), 'error')
  }
}
