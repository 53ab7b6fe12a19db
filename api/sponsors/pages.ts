// `/parrainages/entreprises/{id}`: the company page, server-rendered (readable without JavaScript);
// the parrainages script adds the map and the "nearby venues without a sponsor" list.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { findCompany, listSponsorships, sponsoredVenues } from '../../db/sponsors/repository.ts'
import { escapeHtml as e } from '../../domain/html.ts'
import { kindLabels } from '../../domain/sponsorship.ts'
import { builtHeadTags, pageShell } from './html.ts'
import type { Sponsorship } from './schemas.ts'

export const KIND_NAMES = kindLabels('title')
const frDate = (d: string | null) => (d ? new Date(`${d}T12:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' }) : '—')

function details(s: Sponsorship): string {
  switch (s.kind) {
    case 'emploi_avenir':
      return `${s.youth_count} jeune(s) ; tuteur au lieu : ${e(s.tutor_name)} ; parrain dans l’entreprise : ${e(s.sponsor_name)}`
    case 'don_materiel':
      return `${s.devices_count} appareil(s) reconditionné(s) par ${e(s.refurbisher)}`
    case 'fonds_solidarites_numeriques':
      return `${(s.amount_eur ?? 0).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' })}`
    default:
      return e(s.description)
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/parrainages/entreprises/:id',
    {
      config: { access: 'public' },
      schema: { hide: true, params: Type.Object({ id: Type.String() }) },
    },
    async (request, reply) => {
      const id = request.params.id
      const company = /^[0-9a-f-]{36}$/i.test(id) ? await findCompany(app.readDb, id) : undefined
      reply.type('text/html; charset=utf-8')
      if (!company || company.archived_at) {
        return reply.code(404).send(
          pageShell({
            title: 'Entreprise introuvable — Maillage',
            headTags: builtHeadTags('parrainages'),
            body:
              `<h1>Entreprise introuvable</h1><p>Aucune entreprise membre ne porte cet identifiant. <a ` +
              `href="/parrainages/">Voir toutes les entreprises</a>.</p>`,
          }),
        )
      }
      const [sponsorships, venues] = await Promise.all([
        listSponsorships(app.readDb, { company_id: company.id }),
        sponsoredVenues(app.readDb, company.id),
      ])
      const rows = sponsorships
        .map((s) => {
          const state = s.active
            ? '<p class="fr-badge fr-badge--success fr-badge--sm">en cours</p>'
            : '<p class="fr-badge fr-badge--sm">terminé</p>'
          return `<tr data-sponsorship="${e(s.id)}"><td>${e(KIND_NAMES[s.kind])}</td>
      <td><a href="/lieux/${e(s.venue_id)}">${e(s.venue_nom)}</a> (${e(s.venue_commune)})</td>
      <td>${frDate(s.started_on)} → ${frDate(s.ended_on)}</td><td>${state}</td><td>${details(s)}</td></tr>`
        })
        .join('\n')
      const address = [company.adresse, [company.code_postal, company.commune].filter(Boolean).join(' ')].filter(Boolean).join(', ')
      const since = company.cinov_member_since ? ` depuis le ${frDate(company.cinov_member_since)}` : ''
      const lapsed =
        company.cinov_status !== 'active' ? ` (${company.cinov_status === 'suspended' ? 'adhésion suspendue' : 'ancien membre'})` : ''
      const approximate = company.location_approximate ? ' <small>(placée au centre de la commune)</small>' : ''
      const mail = company.contact_courriel ? `<a href="mailto:${e(company.contact_courriel)}">${e(company.contact_courriel)}</a>` : ''
      const venueItems = venues.map((v) => `<li><a href="/lieux/${e(v.id)}">${e(v.nom)}</a> — ${e(v.code_postal)} ${e(v.commune)}</li>`)
      const mapData = { company: { id: company.id, nom: company.nom, latitude: company.latitude, longitude: company.longitude }, venues }
      const body = `
    <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list">
      <li><a class="fr-breadcrumb__link" href="/parrainages/">Parrainages</a></li>
      <li><a class="fr-breadcrumb__link" aria-current="page">${e(company.nom)}</a></li></ol></nav>
    <h1>${e(company.nom)}</h1>
    <p class="fr-badge ${company.cinov_status === 'active' ? 'fr-badge--info' : ''}">Membre CINOV-IT${since}${lapsed}</p>
    <dl class="company-facts">
      <dt>SIRET</dt><dd>${e(company.siret)}</dd>
      ${company.code_naf ? `<dt>Code NAF</dt><dd>${e(company.code_naf)}</dd>` : ''}
      ${address ? `<dt>Adresse</dt><dd>${e(address)}${approximate}</dd>` : ''}
      ${company.site_web ? `<dt>Site web</dt><dd><a href="${e(company.site_web)}" rel="noopener">${e(company.site_web)}</a></dd>` : ''}
      ${company.contact_nom || company.contact_courriel ? `<dt>Contact</dt><dd>${e(company.contact_nom)} ${mail}</dd>` : ''}
    </dl>
    <h2>Lieux parrainés (${venues.length})</h2>
    <ul id="company-venues">${venueItems.join('') || '<li>Aucun parrainage en cours.</li>'}</ul>
    <div id="map" class="parrainages-map" role="region" aria-label="Carte de l’entreprise et des lieux qu’elle parraine"
      style="height:420px"></div>
    <h2>Parrainages</h2>
    <div class="fr-table"><table><caption>Tous les parrainages de l’entreprise</caption>
      <thead><tr><th scope="col">Type</th><th scope="col">Lieu</th><th scope="col">Période</th><th scope="col">État</th>
        <th scope="col">Détail</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="5">Aucun parrainage.</td></tr>'}</tbody></table></div>
    <h2>Lieux proches qui cherchent un parrain</h2>
    <p>Lieux publiés à moins de 20 km sans parrainage en cours
      (<a href="/api/v1/companies/${e(company.id)}/nearby-venues?radius=20000&amp;unsponsored=true">données</a>).</p>
    <ol id="nearby-venues"><li>Chargement…</li></ol>
    <script type="application/json" id="company-data">${JSON.stringify(mapData).replace(/</g, '\\u003c')}</script>`
      return reply.send(
        pageShell({
          title: `${company.nom} — parrainages — Maillage`,
          headTags: builtHeadTags('parrainages'),
          body,
          bodyAttributes: `data-page="entreprise" data-company-id="${e(company.id)}"`,
        }),
      )
    },
  )
}
export default routes
