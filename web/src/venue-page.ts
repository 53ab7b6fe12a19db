// Enhances the server-rendered venue page: the error report posts in place (with a confirmation), and
// "Ajouter à ma fiche d'orientation" appears. Without JavaScript the form still posts to the server.
import './dsfr.ts'
import { addToSheet, isInSheet, removeFromSheet, sheetLinkText, sheetVenues } from './referral.ts'

function enhanceReportForm(form: HTMLFormElement): void {
  const venueId = form.dataset.venueId as string
  const status = form.querySelector<HTMLElement>('#report-status') as HTMLElement
  const message = form.querySelector<HTMLTextAreaElement>('#report-message') as HTMLTextAreaElement
  const messageError = form.querySelector<HTMLElement>('#report-message-error') as HTMLElement
  const group = form.querySelector<HTMLElement>('#report-message-group') as HTMLElement
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (message.value.trim() === '') {
      messageError.hidden = false
      group.classList.add('fr-input-group--error')
      message.setAttribute('aria-invalid', 'true')
      message.focus()
      return
    }
    messageError.hidden = true
    group.classList.remove('fr-input-group--error')
    message.removeAttribute('aria-invalid')
    const data = new FormData(form)
    const payload: Record<string, string> = {}
    for (const key of ['message', 'nom', 'courriel', 'champ']) {
      const value = String(data.get(key) ?? '').trim()
      if (value) payload[key] = value
    }
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]') as HTMLButtonElement
    button.disabled = true
    try {
      const response = await fetch(`/api/v1/venues/${encodeURIComponent(venueId)}/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(payload),
      })
      if (response.ok) {
        const done = document.createElement('div')
        done.className = 'fr-alert fr-alert--success'
        done.setAttribute('role', 'status')
        done.tabIndex = -1
        done.innerHTML =
          '<h3 class="fr-alert__title">Merci, votre signalement a bien été envoyé.</h3><p>L’équipe de modération va le ' +
          'vérifier et corriger la fiche si besoin.</p>'
        form.replaceWith(done)
        done.focus()
        return
      }
      let detail = `Erreur ${response.status}.`
      try {
        const problem = (await response.json()) as { detail?: string; errors?: { field: string; message: string }[] }
        detail = problem.detail ?? detail
        if (problem.errors?.length) detail += ` (${problem.errors.map((e) => `${e.field} : ${e.message}`).join(' ; ')})`
      } catch {
        /* keep the status */
      }
      status.innerHTML = ''
      const alert = document.createElement('div')
      alert.className = 'fr-alert fr-alert--error fr-mt-2w'
      alert.setAttribute('role', 'alert')
      alert.textContent = `Le signalement n’a pas été envoyé : ${detail}`
      status.append(alert)
    } catch {
      status.textContent = 'Le signalement n’a pas pu être envoyé (connexion interrompue). Réessayez.'
    } finally {
      button.disabled = false
    }
  })
}

function referralButton(slot: HTMLElement, venueId: string, name: string): void {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'fr-btn fr-btn--secondary fr-btn--sm fr-mt-2w'
  const render = () => {
    const inSheet = isInSheet(venueId)
    button.textContent = inSheet ? 'Retirer de ma fiche d’orientation' : 'Ajouter à ma fiche d’orientation'
    button.setAttribute('aria-pressed', String(inSheet))
    link.textContent = sheetLinkText(sheetVenues().length, 'Voir la fiche')
  }
  button.addEventListener('click', () => {
    if (isInSheet(venueId)) removeFromSheet(venueId)
    else addToSheet({ id: venueId, nom: name })
    render()
  })
  const link = document.createElement('a')
  link.href = '/fiche/'
  link.className = 'fr-link fr-ml-2w'
  render()
  slot.append(button, link)
}

const form = document.querySelector<HTMLFormElement>('#report-form')
if (form) enhanceReportForm(form)
const slot = document.querySelector<HTMLElement>('#referral-slot')
const h1 = document.querySelector('h1')
if (slot && form?.dataset.venueId && h1) referralButton(slot, form.dataset.venueId, h1.textContent ?? '')
else if (slot && h1) {
  const id = location.pathname.split('/').filter(Boolean).pop()
  if (id) referralButton(slot, id, h1.textContent ?? '')
}
