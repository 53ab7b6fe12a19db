// /admin, partners view: proposals to confirm (curators in their territory, admins), sponsorships to create,
// end and archive (admins), and venues' needs to declare and withdraw (curators, admins).
import { SPONSORSHIP_KIND_WORDING, SPONSORSHIP_KINDS, type SponsorshipKind } from '../../../domain/sponsorship.ts'
import { NEED_KIND_LABELS, NEED_KINDS, needSummary, type NeedKind } from '../../../domain/needs.ts'
import { act, api, esc } from '../api.ts'
import { field, select, table as tableHtml, values } from './form.ts'

interface Sponsorship {
  id: string
  company_nom: string
  venue_id: string
  venue_nom: string
  venue_commune: string
  kind: SponsorshipKind
  status: string
  started_on: string
  ended_on: string | null
  proposed_by?: string | null
  version: number
}
const STATUS: Record<string, string> = {
  pending: 'en attente',
  active: 'actif',
  ended: 'terminé',
  suspended: 'suspendu',
  declined: 'décliné',
  archived: 'archivé',
}
const kindChoices = (): [string, string][] => SPONSORSHIP_KINDS.map((k) => [k, SPONSORSHIP_KIND_WORDING[k].title])

function table(caption: string, items: Sponsorship[], actions: (s: Sponsorship) => string): string {
  return tableHtml(
    caption,
    ['Entreprise', 'Lieu', 'Type', 'Début', 'État', 'Actions'],
    items.map((s) => [
      esc(s.company_nom),
      `<a href="/lieux/${esc(s.venue_id)}">${esc(s.venue_nom)}</a> (${esc(s.venue_commune)})`,
      esc(SPONSORSHIP_KIND_WORDING[s.kind]?.title ?? s.kind),
      esc(s.started_on),
      esc(STATUS[s.status] ?? s.status),
      actions(s),
    ]),
    items.map((s) => `data-sponsorship="${esc(s.id)}"`),
  )
}

export async function renderPending(root: HTMLElement, refresh: () => Promise<void>) {
  const { items } = await api<{ items: Sponsorship[] }>('GET', '/api/v1/sponsorships?status=pending&limit=1000')
  root.innerHTML = `<h3>Propositions d’aide à confirmer</h3>
  ${
    items.length
      ? table(
          'Parrainages proposés par les entreprises, en attente',
          items,
          (s) =>
            `<button class="fr-btn fr-btn--sm" type="button" data-accept="${esc(s.id)}">Accepter l’aide de ${esc(s.company_nom)}</button>
           <button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-decline="${esc(s.id)}">Décliner</button>`,
        )
      : '<p>Aucune proposition en attente. Quand une entreprise propose son aide à un lieu de votre territoire, elle apparaît ici.</p>'
  }`
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-accept], [data-decline]')) {
    button.onclick = async () => {
      const accept = button.dataset.accept !== undefined
      const id = button.dataset.accept ?? button.dataset.decline!
      if (
        await act(accept ? 'Aide acceptée : le parrainage est actif et le besoin est clos.' : 'Proposition déclinée.', () =>
          api('POST', `/api/v1/sponsorships/${id}/${accept ? 'accept' : 'decline'}`, {}),
        )
      )
        await refresh()
    }
  }
}

export async function renderSponsorships(root: HTMLElement, companies: { id: string; nom: string }[], refresh: () => Promise<void>) {
  const { items } = await api<{ items: Sponsorship[] }>('GET', '/api/v1/sponsorships?limit=1000')
  const listed = items.filter((s) => s.status !== 'pending')
  root.innerHTML = `<h3>Parrainages</h3>
  ${
    listed.length
      ? table(`Parrainages (${listed.length})`, listed, (s) =>
          s.status === 'active'
            ? `<button class="fr-btn fr-btn--sm fr-btn--secondary" type="button" data-end="${esc(s.id)}">Terminer</button>
               <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-archive="${esc(s.id)}">Archiver</button>`
            : `<button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-archive="${esc(s.id)}">Archiver</button>`,
        )
      : '<p>Aucun parrainage pour l’instant.</p>'
  }
  <details class="fr-mt-2w"><summary>Créer un parrainage</summary>
  <form id="sponsorship-create-form" class="partners-form">
    ${select(
      'new-sp-company_id',
      'Entreprise',
      companies.map((c) => [c.id, c.nom]),
    )}
    ${field('new-sp-venue_id', 'Identifiant du lieu', { required: true, hint: 'Visible dans l’adresse de la fiche : /lieux/…' })}
    ${select('new-sp-kind', 'Type', kindChoices())}
    ${field('new-sp-started_on', 'Début', { type: 'date', required: true })}
    ${field('new-sp-ended_on', 'Fin (facultatif ; 3 ans pour un emploi d’avenir)', { type: 'date' })}
    <p class="fr-hint-text">Selon le type : emploi d’avenir → nombre de jeunes, tuteur, parrain ; don de matériel → appareils,
      reconditionneur ; fonds → montant ; mécénat → description.</p>
    ${field('new-sp-youth_count', 'Nombre de jeunes (emploi d’avenir)', { type: 'number' })}
    ${field('new-sp-tutor_name', 'Tuteur au lieu (emploi d’avenir)')}
    ${field('new-sp-sponsor_name', 'Parrain dans l’entreprise (emploi d’avenir)')}
    ${field('new-sp-devices_count', 'Nombre d’appareils (don de matériel)', { type: 'number' })}
    ${field('new-sp-refurbisher', 'Structure qui reconditionne (don de matériel)')}
    ${field('new-sp-amount_eur', 'Montant en euros (fonds)', { type: 'number' })}
    ${field('new-sp-description', 'Description (mécénat)')}
    <button class="fr-btn" type="submit">Créer le parrainage</button>
  </form></details>`
  root.querySelector<HTMLFormElement>('#sponsorship-create-form')!.onsubmit = async (event) => {
    event.preventDefault()
    if (await act('Parrainage créé.', () => api('POST', '/api/v1/sponsorships', values(event.target as HTMLFormElement, 'new-sp-'))))
      await refresh()
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-end]')) {
    button.onclick = async () => {
      const s = items.find((i) => i.id === button.dataset.end)!
      const today = new Date().toISOString().slice(0, 10)
      if (
        await act('Parrainage terminé.', () =>
          api(
            'PATCH',
            `/api/v1/sponsorships/${s.id}`,
            { status: 'ended', ended_on: [today, s.started_on].sort().at(-1) },
            { 'if-match': `"${s.id}-v${s.version}"` },
          ),
        )
      )
        await refresh()
    }
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-archive]')) {
    button.onclick = async () => {
      if (await act('Parrainage archivé.', () => api('DELETE', `/api/v1/sponsorships/${button.dataset.archive}`))) await refresh()
    }
  }
}

interface Need {
  id: string
  venue_id: string
  venue_nom: string
  venue_commune: string
  kind: NeedKind
  devices_count: number | null
  devices_kind: string | null
  local_project: string | null
  amount_eur: number | null
  description: string | null
  skills: string | null
}

export async function renderNeeds(root: HTMLElement, refresh: () => Promise<void>) {
  const { items } = await api<{ items: Need[] }>('GET', '/api/v1/needs?limit=1000')
  root.innerHTML = `<h3>Besoins des lieux</h3>
  <form id="need-create-form" class="partners-form">
    <p>Déclarez ce qu’un lieu de votre territoire cherche auprès d’un parrain ; il apparaît sur sa fiche et dans « Lieux qui
      cherchent un parrain ». Le même formulaire est dans l’éditeur de chaque lieu (« Besoins du lieu »).</p>
    ${field('new-need-venue', 'Identifiant du lieu', { required: true, hint: 'Visible dans l’adresse de la fiche : /lieux/…' })}
    ${select(
      'new-need-kind',
      'Type de besoin',
      NEED_KINDS.map((k) => [k, NEED_KIND_LABELS[k]]),
    )}
    ${field('new-need-local_project', 'Projet local (emploi d’avenir)')}
    ${field('new-need-devices_count', 'Combien d’appareils (matériel)', { type: 'number' })}
    ${field('new-need-devices_kind', 'Quels appareils (matériel)', { hint: 'ex. ordinateurs portables, tablettes' })}
    ${field('new-need-amount_eur', 'Montant recherché en euros (fonds)', { type: 'number' })}
    ${field('new-need-description', 'Description du projet (fonds)')}
    ${field('new-need-skills', 'Compétences recherchées (mécénat)')}
    <button class="fr-btn" type="submit">Déclarer le besoin</button>
  </form>
  ${
    items.length
      ? tableHtml(
          `Besoins ouverts (${items.length})`,
          ['Lieu', 'Besoin', 'Détail', 'Actions'],
          items.map((n) => [
            `<a href="/lieux/${esc(n.venue_id)}">${esc(n.venue_nom)}</a> (${esc(n.venue_commune)})`,
            esc(NEED_KIND_LABELS[n.kind]),
            esc(needSummary(n)),
            `<button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-withdraw="${esc(n.id)}">
        Retirer le besoin de ${esc(n.venue_nom)}</button>`,
          ]),
        )
      : '<p>Aucun besoin ouvert.</p>'
  }`
  root.querySelector<HTMLFormElement>('#need-create-form')!.onsubmit = async (event) => {
    event.preventDefault()
    const { venue, ...body } = values(event.target as HTMLFormElement, 'new-need-')
    if (await act('Besoin déclaré.', () => api('POST', `/api/v1/venues/${encodeURIComponent(String(venue ?? ''))}/needs`, body)))
      await refresh()
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-withdraw]')) {
    button.onclick = async () => {
      if (await act('Besoin retiré.', () => api('PATCH', `/api/v1/needs/${button.dataset.withdraw}`, { status: 'withdrawn' })))
        await refresh()
    }
  }
}
