// /emplois: member companies' open job offers, nearest first from a commune (the gazetteer's search), page by page.
import '../src/dsfr.ts'
import './style.css'
import { CONTRACT_LABELS, type ContractType } from '../../domain/committees.ts'
import { escapeHtml as esc } from '../../domain/html.ts'

interface Offer {
  id: string
  entreprise: string
  titre: string
  type_contrat: ContractType
  commune: string
  departement: string
  url: string
  date_cloture: string
  distance_m: number | null
}
interface Place {
  label: string
  code_insee: string | null
  latitude: number
  longitude: number
}

const PAGE = 20
const $ = (id: string) => document.getElementById(id)!
let query = new URLSearchParams()
let nextOffset: number | null = null
let where = ''

const distance = (m: number) => (m < 1000 ? `${m} m` : `${Math.round(m / 100) / 10} km`.replace('.', ','))
const dayFr = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })

function offerHtml(o: Offer): string {
  return `<li class="offer"><article aria-labelledby="o-${o.id}">
    <h2 id="o-${o.id}">${esc(o.titre)}</h2>
    <p><strong>${esc(o.entreprise)}</strong> — ${esc(CONTRACT_LABELS[o.type_contrat] ?? o.type_contrat)}</p>
    <p>${esc(o.commune)} (${esc(o.departement)})${o.distance_m !== null ? ` — à ${distance(o.distance_m)}` : ''}</p>
    <p>Candidatures jusqu’au ${esc(dayFr(o.date_cloture))}</p>
    <p><a class="fr-link" href="${esc(o.url)}" rel="noopener" target="_blank"
      title="${esc(`Voir l’offre « ${o.titre} » (nouvelle fenêtre)`)}">Voir l’offre et postuler</a></p>
  </article></li>`
}

async function load(append: boolean): Promise<void> {
  const params = new URLSearchParams(query)
  params.set('limit', String(PAGE))
  if (append && nextOffset !== null) params.set('offset', String(nextOffset))
  $('status').textContent = 'Chargement des offres…'
  try {
    const res = await fetch(`/api/v1/job-offers?${params}`, { headers: { accept: 'application/json' } })
    const data = await res.json()
    if (!res.ok) throw new Error(data.detail ?? `Erreur ${res.status}`)
    const items = data.items as Offer[]
    nextOffset = data.next_offset
    const list = $('offers')
    list.innerHTML = (append ? list.innerHTML : '') + items.map(offerHtml).join('')
    const shown = list.children.length
    $('status').textContent =
      shown === 0
        ? `Aucune offre ouverte${where}. Élargissez la distance ou revenez bientôt : les entreprises publient régulièrement.`
        : `${shown} offre${shown > 1 ? 's' : ''} ouverte${shown > 1 ? 's' : ''}${where}${nextOffset !== null ? ' (d’autres suivent)' : ''}.`
    $('more').hidden = nextOffset === null
  } catch (error) {
    $('status').textContent = `Les offres n’ont pas pu être chargées : ${(error as Error).message}`
  }
}

async function geocode(q: string): Promise<Place[]> {
  const res = await fetch(`/api/v1/geocode?q=${encodeURIComponent(q)}`)
  return res.ok ? ((await res.json()).items as Place[]) : []
}

let suggestTimer: ReturnType<typeof setTimeout> | undefined
$('place').addEventListener('input', () => {
  clearTimeout(suggestTimer)
  const q = ($('place') as HTMLInputElement).value.trim()
  if (q.length < 2) return
  suggestTimer = setTimeout(async () => {
    $('place-suggestions').innerHTML = (await geocode(q))
      .slice(0, 8)
      .map((p) => `<option value="${esc(p.label)}"></option>`)
      .join('')
  }, 200)
})

$('search').addEventListener('submit', async (event) => {
  event.preventDefault()
  const q = ($('place') as HTMLInputElement).value.trim()
  const radius = ($('radius') as HTMLSelectElement).value
  query = new URLSearchParams()
  where = ''
  if (q) {
    const [place] = await geocode(q)
    if (!place) {
      $('status').textContent = `Aucune commune ne correspond à « ${q} ». Vérifiez l’orthographe ou essayez un code postal.`
      $('offers').innerHTML = ''
      $('more').hidden = true
      return
    }
    query.set('near', `${place.latitude},${place.longitude}`)
    if (radius) query.set('radius', radius)
    where = ` ${radius ? `à moins de ${Number(radius) / 1000} km de` : 'autour de'} ${place.label}`
  }
  history.replaceState(null, '', q ? `?lieu=${encodeURIComponent(q)}&rayon=${radius}` : location.pathname)
  await load(false)
})
$('more').addEventListener('click', () => void load(true))

// A link may carry the place (?lieu=Bordeaux&rayon=30000), e.g. from a venue page.
const initial = new URLSearchParams(location.search)
if (initial.get('lieu')) {
  ;($('place') as HTMLInputElement).value = initial.get('lieu')!
  if (initial.has('rayon')) ($('radius') as HTMLSelectElement).value = initial.get('rayon')!
  $('search').dispatchEvent(new Event('submit', { cancelable: true }))
} else void load(false)
