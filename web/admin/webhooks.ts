// /admin → Webhooks: register subscribers, read each one's delivery log, redeliver (admin only).
import { act, api, esc } from './api.ts'

interface Webhook {
  id: string
  url: string
  territories: string[]
  description: string
  active: boolean
  created_at: string
}
interface Delivery {
  id: string
  change_seq: string
  kind: string
  status: string
  attempts: number
  last_status: number | null
  last_error: string | null
  created_at: string
}

const STATUS_NAMES: Record<string, string> = { pending: 'en attente', delivered: 'remis', failed: 'abandonné' }
const $ = (id: string) => document.getElementById(id)!

export async function loadWebhooks(): Promise<void> {
  const { items } = await api<{ items: Webhook[] }>('GET', '/api/v1/admin/webhooks')
  $('webhooks-list').innerHTML =
    items.length === 0
      ? '<p>Aucun abonné.</p>'
      : `<div class="admin-table"><table><caption class="fr-sr-only">Abonnés</caption>
    <thead><tr><th scope="col">Adresse</th><th scope="col">Territoires</th><th scope="col">État</th><th scope="col"></th></tr></thead>
      <tbody>
    ${items
      .map(
        (w) => `<tr><td>${esc(w.url)}<br><span
          class="fr-text--xs">${esc(w.description)}</span></td><td>${esc(w.territories.join(', ') || 'toute la France')}</td>
      <td>${w.active ? 'actif' : 'désactivé'}</td><td><button
        class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-log="${w.id}">Journal</button>
      ${
        w.active
          ? `<button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button"
        data-off="${w.id}">Désactiver</button>`
          : ''
      }</td></tr>`,
      )
      .join('')}
    </tbody></table></div>`
  for (const b of $('webhooks-list').querySelectorAll<HTMLButtonElement>('[data-log]'))
    b.onclick = () => {
      void showLog(b.dataset.log!)
    }
  for (const b of $('webhooks-list').querySelectorAll<HTMLButtonElement>('[data-off]')) {
    b.onclick = () =>
      act('Abonné désactivé.', async () => {
        await api('DELETE', `/api/v1/admin/webhooks/${b.dataset.off}`)
        await loadWebhooks()
      })
  }
}

async function showLog(id: string): Promise<void> {
  const { items } = await api<{ items: Delivery[] }>('GET', `/api/v1/admin/webhooks/${id}/deliveries?limit=100`)
  $('webhook-log').innerHTML = `<h2 class="fr-h4 fr-mt-3w">Journal des envois</h2>${
    items.length === 0
      ? '<p>Aucun envoi.</p>'
      : `<div class="admin-table"><table>
    <caption class="fr-sr-only">Envois</caption><thead><tr><th scope="col">Date</th><th scope="col">Changement</th>
      <th scope="col">État</th><th scope="col">Tentatives</th><th scope="col">Dernière réponse</th><th scope="col"></th></tr></thead><tbody>
    ${items
      .map(
        (
          d,
        ) => `<tr><td>${esc(new Date(d.created_at).toLocaleString('fr-FR'))}</td><td>n° ${esc(d.change_seq)} (${esc(d.kind)})</td><td>${esc(
          STATUS_NAMES[d.status] ?? d.status,
        )}</td>
      <td>${d.attempts}</td><td>${esc(d.last_status ?? '')} ${esc(d.last_error ?? '')}</td>
      <td><button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-redeliver="${d.id}">Renvoyer</button></td></tr>`,
      )
      .join('')}</tbody></table></div>`
  }`
  for (const b of $('webhook-log').querySelectorAll<HTMLButtonElement>('[data-redeliver]')) {
    b.onclick = () =>
      act('Envoi remis en file.', async () => {
        await api('POST', `/api/v1/admin/webhooks/${id}/deliveries/${b.dataset.redeliver}/redeliver`)
        await showLog(id)
      })
  }
}

let initialised = false
export function initWebhooks(): void {
  if (initialised) return
  initialised = true
  $('webhook-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const value = (field: string) => ($(field) as HTMLInputElement).value.trim()
    void act('Abonné enregistré : les prochains changements lui seront envoyés.', async () => {
      const territories = value('webhook-territories')
        .split(/[\s,]+/)
        .filter(Boolean)
      await api('POST', '/api/v1/admin/webhooks', {
        url: value('webhook-url'),
        secret: value('webhook-secret'),
        territories,
        description: value('webhook-description'),
      })
      ;($('webhook-form') as HTMLFormElement).reset()
      await loadWebhooks()
    })
  })
}
