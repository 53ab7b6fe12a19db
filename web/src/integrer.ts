// /integrer: a small configurator for the embeddable map (territory, filters, view, height) that previews
// the iframe live and copies its snippet, written with this instance's own address.
import { MAP_TERRITORY_PATTERN } from '../../domain/territory.ts'
import './dsfr.ts'

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const form = $<HTMLFormElement>('embed-config')
const snippet = $<HTMLElement>('snippet')
const preview = $<HTMLIFrameElement>('embed-preview')
const copy = $<HTMLButtonElement>('embed-copy')
const copied = $<HTMLElement>('embed-copied')
const territoryError = $<HTMLElement>('embed-territory-error')
const TERRITORY = MAP_TERRITORY_PATTERN

function embedUrl(): string {
  const data = new FormData(form)
  const p = new URLSearchParams()
  const territory = String(data.get('territoire') ?? '').trim()
  const valid = territory === '' || TERRITORY.test(territory)
  territoryError.hidden = valid
  $('embed-territory').setAttribute('aria-invalid', String(!valid))
  if (territory && valid) p.set('territoire', territory)
  if (data.get('gratuit')) p.set('frais_a_charge', 'Gratuit')
  const ouvert = [data.get('maintenant') && 'maintenant', data.get('samedi') && 'samedi'].filter(Boolean)
  if (ouvert.length) p.set('ouvert', ouvert.join(','))
  if (data.get('vue') === 'carte') p.set('vue', 'carte')
  const query = p.toString()
  return `${location.origin}/embed/${query ? `?${query}` : ''}`
}

function render(): void {
  const url = embedUrl()
  const height = Math.min(1600, Math.max(400, Number(new FormData(form).get('hauteur')) || 700))
  snippet.textContent =
    `<iframe src="${url}"\n  title="Carte des lieux de médiation numérique"\n  width="100%" height="${height}" ` +
    `style="border:0" loading="lazy"\n  allow="geolocation"></iframe>`
  if (preview.getAttribute('src') !== url) preview.src = url
  preview.height = String(height)
  copied.textContent = ''
}

form.addEventListener('input', render)
form.addEventListener('change', render)
form.addEventListener('submit', (event) => {
  event.preventDefault()
  render()
})
copy.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.textContent ?? '')
    copied.textContent = 'Code copié dans le presse-papiers.'
  } catch {
    // No clipboard permission (an old browser, an insecure origin): select the code so Ctrl+C copies it.
    const range = document.createRange()
    range.selectNodeContents(snippet)
    window.getSelection()?.removeAllRanges()
    window.getSelection()?.addRange(range)
    copied.textContent = 'Le code est sélectionné : copiez-le avec Ctrl+C (ou Cmd+C).'
  }
})
$('origin').textContent = location.origin
render()
