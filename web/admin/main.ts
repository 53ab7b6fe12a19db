// /admin: login, then the moderation queue, venue editor, duplicates, labels, accounts and keys, audit log.
import '../src/dsfr.ts'
import './style.css'
import { act, api, ApiError, esc, setCsrf } from './api.ts'
import { initDuplicates, loadDuplicates } from './duplicates.ts'
import { initVenueEditor, openVenue } from './venue-editor.ts'
import { initWebhooks, loadWebhooks } from './webhooks.ts'
import { initSourcesForm, loadSources } from './sources.ts'
import { initQueue, loadQueue } from './queue/index.ts'
import { loadEmploisAvenir } from './emplois-avenir.ts'
import { loadPartners } from './partners/index.ts'
import { wireSessionControls } from './session-controls.ts'

interface Caller {
  id: string
  kind: string
  role: string
  territories: string[]
  label: string
}
const $ = (id: string) => document.getElementById(id)!
let caller: Caller | null = null

function showView(name: string): void {
  for (const section of document.querySelectorAll<HTMLElement>('.admin-view')) section.hidden = section.id !== `view-${name}`
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    if (button.dataset.view === name) button.setAttribute('aria-current', 'page')
    else button.removeAttribute('aria-current')
  }
  const loaders: Record<string, () => Promise<void>> = {
    queue: loadQueue,
    duplicates: loadDuplicates,
    labels: loadLabels,
    accounts: loadAccounts,
    audit: loadAudit,
    webhooks: loadWebhooks,
    sources: () => loadSources($('sources-list')),
    'emplois-avenir': () => loadEmploisAvenir(caller?.role === 'admin'),
    partners: () => loadPartners($('view-partners'), caller?.role ?? ''),
    venue: async () => {},
  }
  void loaders[name]?.()
}

async function start(): Promise<void> {
  try {
    const me = await api<{ caller: Caller; csrf_token: string }>('GET', '/api/v1/auth/me')
    if (me.caller.kind !== 'session') throw new ApiError(401, {})
    caller = me.caller
    setCsrf(me.csrf_token)
    // Territorial officers have their own space (same session): the moderation tools are not theirs.
    if (caller.role === 'authority') {
      location.replace('/territoire/')
      return
    }
  } catch {
    $('login-section').hidden = false
    $('app').hidden = true
    return
  }
  $('login-section').hidden = true
  $('app').hidden = false
  $('who').textContent =
    `${caller.label.replace(/^utilisateur:/, '')} — ` +
    `${caller.role === 'admin' ? 'administrateur' : `curateur (${caller.territories.join(', ')})`}`
  $('logout').hidden = false
  for (const el of document.querySelectorAll<HTMLElement>('[data-admin]')) el.hidden = caller.role !== 'admin'
  await initVenueEditor({ role: caller.role })
  initWebhooks()
  const hash = location.hash.match(/^#venue\/([0-9a-f-]{36})$/)
  if (hash) {
    showView('venue')
    await openVenue(hash[1])
  } else showView('queue')
}

wireSessionControls(start)
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]'))
  button.addEventListener('click', () => showView(button.dataset.view!))

// Moderation queue: its own module (web/admin/queue/), mounted here.
initQueue({ showView, openVenue })
initSourcesForm($('sources-form') as HTMLFormElement, $('sources-list'))

// Duplicates: web/admin/duplicates.ts
initDuplicates()

// Labels catalogue
async function loadLabels(): Promise<void> {
  const { items } = await api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/labels')
  $('labels-list').innerHTML =
    `<div class="admin-table"><table><caption class="fr-sr-only">Catalogue</caption><thead><tr><th scope="col">Nom</th>
      <th scope="col">Émetteur</th><th scope="col">Validité</th><th scope="col">Valeur du standard</th>
        <th scope="col">Attributions actives</th></tr></thead><tbody>
    ${items
      .map((l) => {
        const validity = l.default_validity_months ? `${esc(l.default_validity_months)} mois` : '—'
        const standard = l.standard_field ? `${esc(l.standard_field)} = ${esc(l.standard_value)}` : '—'
        return (
          `<tr><td>${esc(l.nom)}</td><td>${esc(l.issuer)}</td><td>${validity}</td><td>${standard}</td>` +
          `<td>${esc(l.active_awards)}</td></tr>`
        )
      })
      .join('')}</tbody></table></div>`
}
$('label-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const months = ($('label-months') as HTMLInputElement).value
  void act('Label ajouté.', async () => {
    await api('POST', '/api/v1/labels', {
      slug: ($('label-slug') as HTMLInputElement).value,
      nom: ($('label-nom') as HTMLInputElement).value,
      issuer: ($('label-issuer') as HTMLInputElement).value,
      ...(months ? { default_validity_months: Number(months) } : {}),
    })
    await loadLabels()
  })
})

// Accounts and keys
const territories = (id: string) =>
  ($(id) as HTMLInputElement).value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
async function loadAccounts(): Promise<void> {
  const [users, keys] = await Promise.all([
    api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/admin/users'),
    api<{ items: Record<string, unknown>[] }>('GET', '/api/v1/admin/api-keys'),
  ])
  $('users-list').innerHTML =
    `<div class="admin-table"><table><caption class="fr-sr-only">Comptes</caption><thead><tr><th scope="col">Adresse</th>
      <th scope="col">Rôle</th><th scope="col">Territoires</th><th scope="col">État</th><th scope="col"></th></tr></thead><tbody>
    ${users.items
      .map((u) => {
        const state = u.disabled_at ? 'désactivé' : u.locked_until && new Date(String(u.locked_until)) > new Date() ? 'verrouillé' : 'actif'
        return `<tr><td>${esc(u.email)}</td><td>${esc(u.role)}</td><td>${esc(u.territories)}</td><td>${state}</td>
      <td><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" data-user="${esc(u.id)}"
        data-disabled="${u.disabled_at ? 'false' : 'true'}">${u.disabled_at ? 'Réactiver' : 'Désactiver'}</button></td></tr>`
      })
      .join('')}</tbody></table></div>`
  $('keys-list').innerHTML = `<div class="admin-table"><table><caption class="fr-sr-only">Clés</caption><thead><tr><th scope="col">Nom</th>
      <th scope="col">Préfixe</th><th scope="col">Rôle</th><th scope="col">Territoires</th><th scope="col">Dernier usage</th>
        <th scope="col"></th></tr></thead><tbody>
    ${keys.items
      .map(
        (k) => `<tr><td>${esc(k.name)}</td><td>${esc(k.prefix)}</td><td>${esc(k.role)}</td><td>${esc(k.territories)}</td><td>${
          k.last_used_at ? esc(new Date(String(k.last_used_at)).toLocaleString('fr-FR')) : 'jamais'
        }</td>
      <td>${
        k.revoked_at
          ? 'révoquée'
          : `<button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" data-key="${esc(k.id)}">Révoquer</button>`
      }</td></tr>`,
      )
      .join('')}</tbody></table></div>`
  for (const b of $('users-list').querySelectorAll<HTMLButtonElement>('[data-user]'))
    b.onclick = () =>
      act('Compte mis à jour.', async () => {
        await api('PATCH', `/api/v1/admin/users/${b.dataset.user}`, { disabled: b.dataset.disabled === 'true' })
        await loadAccounts()
      })
  for (const b of $('keys-list').querySelectorAll<HTMLButtonElement>('[data-key]'))
    b.onclick = () =>
      act('Clé révoquée.', async () => {
        await api('DELETE', `/api/v1/admin/api-keys/${b.dataset.key}`)
        await loadAccounts()
      })
}
$('user-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void act('Compte créé.', async () => {
    await api('POST', '/api/v1/admin/users', {
      email: ($('user-email') as HTMLInputElement).value,
      password: ($('user-password') as HTMLInputElement).value,
      role: ($('user-role') as HTMLSelectElement).value,
      territories: territories('user-territories'),
    })
    await loadAccounts()
  })
})
$('key-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void act('Clé créée.', async () => {
    const created = await api<{ key: string }>('POST', '/api/v1/admin/api-keys', {
      name: ($('key-name') as HTMLInputElement).value,
      role: ($('key-role') as HTMLSelectElement).value,
      territories: territories('key-territories'),
    })
    $('key-created').innerHTML =
      `<div class="fr-callout"><p class="fr-callout__text">Copiez cette clé maintenant : elle ne sera plus jamais ` +
      `affichée.</p><p class="key-once">${esc(created.key)}</p></div>`
    await loadAccounts()
  })
})

// Audit log
async function loadAudit(): Promise<void> {
  const params = new URLSearchParams({ limit: '200' })
  const entityId = ($('audit-entity-id') as HTMLInputElement).value.trim()
  const action = ($('audit-action') as HTMLInputElement).value.trim()
  if (entityId) params.set('entity_id', entityId)
  if (action) params.set('action', action)
  ;($('audit-csv') as HTMLAnchorElement).href = `/api/v1/audit?${params}&format=csv`
  const { items } = await api<{ items: Record<string, unknown>[] }>('GET', `/api/v1/audit?${params}`)
  $('audit-list').innerHTML =
    `<div class="admin-table"><table><caption class="fr-sr-only">Journal</caption><thead><tr><th scope="col">Date</th>
      <th scope="col">Auteur</th><th scope="col">Action</th><th scope="col">Objet</th><th scope="col">Détail</th></tr></thead><tbody>
    ${items
      .map(
        (a) =>
          `<tr><td>${esc(new Date(String(a.at)).toLocaleString('fr-FR'))}</td><td>${esc(a.actor)}</td><td>${esc(a.action)}</td>` +
          `<td>${esc(a.entity)} ${esc(a.entity_id)}</td><td><code>${esc(JSON.stringify(a.detail))}</code></td></tr>`,
      )
      .join('')}</tbody></table></div>`
}
$('audit-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void loadAudit()
})

// A link to #venue/<id> (from the queue, or pasted) opens that venue.
window.addEventListener('hashchange', () => {
  const match = location.hash.match(/^#venue\/([0-9a-f-]{36})$/)
  if (match && caller) {
    showView('venue')
    void openVenue(match[1])
  }
})

void start()
