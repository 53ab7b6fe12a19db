// The venue page /lieux/{id}: complete without JavaScript, indexable (title, description, JSON-LD).
import type { VenueExtras } from '../../db/venue-extras.ts'
import { COMPLETION_FIELDS } from '../../domain/completion.ts'
import { SERVICE_GROUPS } from '../../domain/list-filters.ts'
import { kindLabels } from '../../domain/sponsorship.ts'
import { CONTRACT_LABELS, OFFERS_NEAR_VENUE_KM, type ContractType } from '../../domain/committees.ts'
import { EXAMPLE_MARK, NEED_KIND_LABELS, needSummary, type NeedKind } from '../../domain/needs.ts'
import { formatPhone } from '../../domain/phone.ts'
import { summarizeHours } from './hours.ts'
import { html, jsonForScript, SafeHtml } from './html.ts'
import { layout } from './layout.ts'
import type { PageVenue } from '../../db/pages/queries.ts'

const SPONSORSHIP_ON_VENUE_PAGE = kindLabels('onVenuePage')

const longDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })

export function frenchDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`))
}

function list(values: readonly string[], empty: string): SafeHtml {
  if (values.length === 0) return html`<p>${empty}</p>`
  return html`<ul>${values.map((v) => html`<li>${v}</li>`)}</ul>`
}

function awardItem(l: VenueExtras['labels'][number]): SafeHtml {
  const until = l.expires_on ? `valable jusqu’au ${frenchDate(l.expires_on)}` : 'sans date de fin'
  return html`<li><strong>${l.nom}</strong> (${l.issuer}) — attribué le ${frenchDate(l.granted_on)}, ${until}</li>`
}

function section(id: string, title: string, content: SafeHtml): SafeHtml {
  return html`<section class="lieu-section" aria-labelledby="${id}"><h2 id="${id}" class="fr-h4">${title}</h2>${content}</section>`
}

function safeUrl(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url : null
}

const KEY_FIELDS: readonly { label: string; present(venue: PageVenue): boolean }[] = [
  { label: 'les horaires', present: (v) => Boolean(v.horaires?.trim()) },
  { label: 'le téléphone', present: (v) => Boolean(v.telephone?.trim()) },
  { label: 'les services proposés', present: (v) => v.services.length > 0 },
  { label: 'l’adresse précise', present: (v) => v.latitude !== null && !v.location_approximate },
]

export interface VenuePageOptions {
  venue: PageVenue
  extras: VenueExtras
  now?: Date
  baseUrl?: string | null
  reportStatus?: 'sent' | { error: string } | null
  /** Open job offers of member companies within 30 km (art. 6), nearest first. */
  offers?: {
    id: string
    titre: string
    entreprise: string
    type_contrat: string
    commune: string
    url: string
    distance_m: number | null
  }[]
}

export function renderVenuePage({
  venue,
  extras,
  now = new Date(),
  baseUrl = null,
  reportStatus = null,
  offers = [],
}: VenuePageOptions): string {
  const hours = summarizeHours(venue.horaires, now)
  const phone = formatPhone(venue.telephone)
  // What a visitor needs before going there; the completion score itself is for curators (/admin).
  const toConfirm = KEY_FIELDS.filter(({ present }) => !present(venue)).map(({ label }) => label)
  const ageDays = (now.getTime() - new Date(`${venue.date_maj}T00:00:00Z`).getTime()) / 86_400_000
  const stale = ageDays > 365
  const place = `${venue.commune} (${venue.code_postal})`
  const description = [
    `${venue.nom}, lieu de médiation numérique à ${place}.`,
    venue.services.length ? `Services : ${venue.services.join(', ')}.` : '',
    hours.known ? (hours.openNow ? 'Ouvert en ce moment.' : '') : '',
  ]
    .filter(Boolean)
    .join(' ')
    .slice(0, 300)
  const canonical = baseUrl ? `${baseUrl.replace(/\/$/, '')}/lieux/${venue.id}` : null
  const hasPoint = venue.latitude !== null && venue.longitude !== null
  const directions = hasPoint
    ? `https://www.openstreetmap.org/directions?route=%3B${venue.latitude}%2C${venue.longitude}`
    : `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${venue.adresse} ${venue.code_postal} ${venue.commune}`)}`

  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'CivicStructure',
    '@id': canonical ?? undefined,
    name: venue.nom,
    description: venue.presentation_resume ?? undefined,
    address: {
      '@type': 'PostalAddress',
      streetAddress: [venue.adresse, venue.complement_adresse].filter(Boolean).join(', '),
      postalCode: venue.code_postal,
      addressLocality: venue.commune,
      addressCountry: 'FR',
    },
    geo: hasPoint ? { '@type': 'GeoCoordinates', latitude: venue.latitude, longitude: venue.longitude } : undefined,
    telephone: venue.telephone ?? undefined,
    email: venue.courriels[0] ?? undefined,
    url: venue.site_web[0] ?? undefined,
    openingHours: venue.horaires ?? undefined,
    isAccessibleForFree: venue.frais_a_charge.includes('Gratuit') ? true : undefined,
    dateModified: venue.date_maj,
  }

  const statusNotice =
    venue.status === 'closed'
      ? html`<div class="fr-alert fr-alert--error fr-mb-3w"><h2 class="fr-alert__title">Ce lieu a fermé</h2>
<p>Il n’accueille plus de public. Cherchez un autre lieu <a href="/">sur la carte</a>.</p></div>`
      : venue.status === 'archived'
        ? html`<div class="fr-alert fr-alert--warning fr-mb-3w"><h2 class="fr-alert__title">Ce lieu n’est plus référencé</h2>
<p>Ses informations ne sont plus tenues à jour.</p></div>`
        : ''

  const openBadge = !hours.known
    ? html`<p class="fr-badge fr-badge--info fr-badge--no-icon">Horaires non renseignés</p>`
    : hours.openNow
      ? html`<p class="fr-badge fr-badge--success">Ouvert en ce moment</p>`
      : html`<p class="fr-badge fr-badge--error fr-badge--no-icon">Fermé en ce moment</p>${
          hours.nextOpening ? html` <p class="lieu-next">Prochaine ouverture : ${hours.nextOpening}</p>` : ''
        }`

  const hoursTable = hours.known
    ? html`<p class="lieu-hours-sentence">${hours.sentence}</p>${hours.comments.length ? html`<p>${hours.comments.join(' ; ')}</p>` : ''}
<div class="fr-table fr-table--no-caption lieu-hours"><div class="fr-table__wrapper"><div class="fr-table__container">
<div class="fr-table__content"><table>
<caption>Horaires des sept prochains jours</caption>
<thead><tr><th scope="col">Jour</th><th scope="col">Horaires</th></tr></thead>
<tbody>${hours.week.map((d) => {
        const holiday = d.holiday ? html`<br><span class="fr-text--xs">jour férié</span>` : ''
        const slots = d.intervals.length
          ? d.intervals.map((slot, i) => html`${i ? ', ' : ''}<span class="hours-slot">${slot}</span>`)
          : 'Fermé'
        return html`<tr${d.today ? new SafeHtml(' class="lieu-today"') : ''}><th scope="row">${d.label}${d.today ? ' (aujourd’hui)' : ''}${
          holiday
        }</th><td>${slots}</td></tr>`
      })}</tbody>
</table></div></div></div></div>`
    : hours.sentence
      ? html`<p>${hours.sentence}</p><p>${venue.telephone ? 'Appelez le lieu avant de vous déplacer pour confirmer.' : ''}</p>`
      : html`<p>Les horaires ne sont pas renseignés. ${venue.telephone ? 'Appelez le lieu avant de vous déplacer.' : ''}</p>`

  const grouped = SERVICE_GROUPS.map((g) => ({ label: g.label, values: g.values.filter((v) => venue.services.includes(v)) })).filter(
    (g) => g.values.length > 0,
  )
  const services = grouped.length
    ? html`${grouped.map((g) => html`<h3 class="fr-h6">${g.label}</h3><ul>${g.values.map((v) => html`<li>${v}</li>`)}</ul>`)}`
    : html`<p>Les services proposés ne sont pas renseignés.</p>`

  const labels =
    extras.labels.length ||
    venue.dispositif_programmes_nationaux.length ||
    venue.formations_labels.length ||
    venue.autres_formations_labels.length
      ? html`${extras.labels.length ? html`<ul class="lieu-labels">${extras.labels.map(awardItem)}</ul>` : ''}
${
  venue.dispositif_programmes_nationaux.length
    ? html`<h3 class="fr-h6">Dispositifs et programmes nationaux</h3>${list(venue.dispositif_programmes_nationaux, '')}`
    : ''
}
${
  venue.formations_labels.length || venue.autres_formations_labels.length
    ? html`<h3 class="fr-h6">Formations et labels déclarés</h3>${list([...venue.formations_labels, ...venue.autres_formations_labels], '')}`
    : ''
}`
      : html`<p>Aucun label ni dispositif renseigné.</p>`

  const accessibility =
    venue.fiche_acces_libre && safeUrl(venue.fiche_acces_libre)
      ? html`<p><a class="fr-link" href="${venue.fiche_acces_libre}" rel="noopener" target="_blank"
  title="Fiche d’accessibilité sur Acceslibre — nouvelle fenêtre">Consulter la fiche d’accessibilité (Acceslibre)</a></p>`
      : html`<p>Aucune fiche d’accessibilité n’est renseignée.
Appelez le lieu pour vérifier l’accès (marches, ascenseur, stationnement).</p>`

  const noContact = !venue.telephone && venue.courriels.length === 0 && venue.site_web.length === 0
  const contact = html`<ul class="lieu-contact">
${phone ? html`<li>Téléphone : <a href="${phone.href}">${phone.display}</a></li>` : ''}
${venue.courriels.map((c) => html`<li>Courriel : <a href="mailto:${c}">${c}</a></li>`)}
${venue.site_web.map((s) =>
  safeUrl(s)
    ? html`<li>Site : <a href="${s}" rel="noopener" target="_blank"
  title="${s} — nouvelle fenêtre">${s.replace(/^https?:\/\//, '')}</a></li>`
    : '',
)}
${
  venue.prise_rdv && safeUrl(venue.prise_rdv)
    ? html`<li><a href="${venue.prise_rdv}" rel="noopener" target="_blank"
  title="Prendre rendez-vous — nouvelle fenêtre">Prendre rendez-vous en ligne</a></li>`
    : ''
}
</ul>${noContact ? html`<p>Aucun moyen de contact renseigné.</p>` : ''}`

  const sponsors = extras.sponsors.length
    ? section(
        'parrains',
        'Entreprises partenaires',
        html`<ul>${extras.sponsors.map((s) => {
          const kind = SPONSORSHIP_ON_VENUE_PAGE[s.kind] ?? s.kind
          return html`<li><strong>${s.nom}</strong> — ${kind}, depuis le ${frenchDate(s.started_on)}</li>`
        })}</ul>`,
      )
    : ''

  const jobs = offers.length
    ? section(
        'emplois',
        `Offres d’emploi à moins de ${OFFERS_NEAR_VENUE_KM} km`,
        html`<ul>${offers.map((o) => {
          const contract = CONTRACT_LABELS[o.type_contrat as ContractType] ?? o.type_contrat
          const distance = o.distance_m !== null ? ` (${Math.round(o.distance_m / 1000)} km)` : ''
          return html`<li><a href="${safeUrl(o.url) ?? '/emplois/'}" rel="noopener" target="_blank"
  title="${o.titre} — nouvelle fenêtre">${o.titre}</a> — ${o.entreprise}, ${contract}, ${o.commune}${distance}</li>`
        })}</ul>
<p><a class="fr-link" href="/emplois/?lieu=${encodeURIComponent(venue.commune)}&amp;rayon=30000">Toutes les offres autour de
  ${venue.commune}</a></p>`,
      )
    : ''

  // Open needs (issue 16): what the venue looks for from a sponsor; demo rows say they are fictional.
  const needs = extras.needs.length
    ? section(
        'besoins',
        'Ce lieu cherche un parrain',
        html`<ul>${extras.needs.map((n) => {
          const example = n.is_example ? html` <span class="fr-badge fr-badge--sm fr-badge--warning">${EXAMPLE_MARK}</span>` : ''
          return html`<li><strong>${NEED_KIND_LABELS[n.kind as NeedKind] ?? n.kind}</strong> — ${needSummary(n)}${example}</li>`
        })}</ul>
<p><a class="fr-link" href="/parrainages/#besoins">Vous êtes une entreprise membre de CINOV-IT ? Proposez votre aide</a></p>`,
      )
    : ''

  const report =
    reportStatus === 'sent'
      ? html`<div class="fr-alert fr-alert--success" role="status">
<h3 class="fr-alert__title">Merci, votre signalement a bien été envoyé.</h3>
<p>L’équipe de modération va le vérifier et corriger la fiche si besoin.</p></div>`
      : html`${
          reportStatus
            ? html`<div class="fr-alert fr-alert--error fr-mb-2w" role="alert">
<h3 class="fr-alert__title">Le signalement n’a pas été envoyé</h3>
<p>${reportStatus.error}</p></div>`
            : ''
        }
<form id="report-form" method="post" action="/lieux/${venue.id}/signaler" data-venue-id="${venue.id}" novalidate>
  <div class="fr-select-group">
    <label class="fr-label" for="report-champ">Quelle information est fausse ?</label>
    <select class="fr-select" id="report-champ" name="champ">
      <option value="">Plusieurs ou autre</option>
      ${[
        ['horaires', 'Horaires'],
        ['adresse', 'Adresse'],
        ['telephone', 'Téléphone'],
        ['courriels', 'Courriel'],
        ['site_web', 'Site internet'],
        ['services', 'Services proposés'],
        ['frais_a_charge', 'Frais'],
        ['status', 'Le lieu a fermé'],
      ].map(([v, l]) => html`<option value="${v}">${l}</option>`)}
    </select>
  </div>
  <div class="fr-input-group" id="report-message-group">
    <label class="fr-label" for="report-message">Votre message (obligatoire)<span class="fr-hint-text">Décrivez l’erreur et,
      si vous la connaissez, la bonne information.</span></label>
    <textarea class="fr-input" id="report-message" name="message" rows="4" required maxlength="2000"
      aria-describedby="report-message-error"></textarea>
    <p id="report-message-error" class="fr-error-text" hidden>Écrivez un message pour décrire l’erreur.</p>
  </div>
  <div class="fr-input-group">
    <label class="fr-label" for="report-nom">Votre nom (facultatif)</label>
    <input class="fr-input" id="report-nom" name="nom" autocomplete="name" maxlength="200">
  </div>
  <div class="fr-input-group">
    <label class="fr-label" for="report-courriel">Votre courriel (facultatif)<span class="fr-hint-text">Pour vous répondre si besoin.
      Format : nom@domaine.fr</span></label>
    <input class="fr-input" id="report-courriel" name="courriel" type="email" autocomplete="email" maxlength="320">
  </div>
  <button class="fr-btn" type="submit">Envoyer le signalement</button>
  <div id="report-status" aria-live="polite"></div>
</form>`

  const body = html`<div class="fr-container fr-my-4w lieu">
<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list">
  <li><a class="fr-breadcrumb__link" href="/">Carte des lieux</a></li>
  <li><a class="fr-breadcrumb__link" href="/?q=${encodeURIComponent(venue.code_postal)}">${venue.commune}</a></li>
  <li><a class="fr-breadcrumb__link" aria-current="page">${venue.nom}</a></li>
</ol></nav>
${statusNotice}
<h1>${venue.nom}</h1>
${venue.typologie.length ? html`<p class="fr-text--sm lieu-typologie">${venue.typologie.join(' · ')}</p>` : ''}
<div class="lieu-open">${openBadge}</div>
<div class="fr-grid-row fr-grid-row--gutters">
<div class="fr-col-12 fr-col-md-4 lieu-side">
<div class="fr-card fr-card--no-arrow lieu-aside"><div class="fr-card__body"><div class="fr-card__content">
  <h2 class="fr-card__title fr-h5">Adresse et contact</h2>
  <div class="fr-card__desc">
  <address><p>${venue.adresse}${venue.complement_adresse ? html`<br>${venue.complement_adresse}` : ''}<br>${venue.code_postal}
    ${venue.commune}</p></address>
  ${venue.location_approximate ? html`<p class="fr-text--sm">Position approximative (centre de la commune).</p>` : ''}
  <p><a class="fr-link fr-icon-map-pin-2-line fr-link--icon-left" href="${directions}" rel="noopener" target="_blank"
    title="Itinéraire sur OpenStreetMap — nouvelle fenêtre">Itinéraire</a></p>
  ${contact}
  <div id="referral-slot"></div>
  </div>
</div></div></div>
<div class="fr-mt-3w lieu-meta">
  <p>Dernière mise à jour : <time datetime="${venue.date_maj}">${frenchDate(venue.date_maj)}</time> — source : ${venue.source}</p>
  ${
    stale
      ? html`<div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w"><p>Ces informations ont plus d’un an : elles ont pu changer.
    Appelez le lieu avant de vous déplacer.</p></div>`
      : ''
  }
  ${
    toConfirm.length
      ? html`<div class="fr-alert fr-alert--info fr-alert--sm lieu-to-confirm">
    <p><strong>Informations à confirmer</strong> — non renseigné : ${toConfirm.join(', ')}.
    ${phone ? 'Appelez le lieu avant de vous déplacer, ou s' : 'S'}ignalez-nous l’information <a href="#signaler">ci-dessous</a>
    si vous la connaissez.</p></div>`
      : ''
  }
</div>
</div>
<div class="fr-col-12 fr-col-md-8 lieu-main">
${venue.presentation_resume ? html`<p class="fr-text--lead">${venue.presentation_resume}</p>` : ''}
${section('horaires', 'Horaires', hoursTable)}
${section('services', 'Services proposés', services)}
${section(
  'beneficier',
  'Comment en bénéficier ?',
  html`
<h3 class="fr-h6">Publics accueillis</h3>${list(venue.publics_specifiquement_adresses, 'Tout public.')}
${
  venue.prise_en_charge_specifique.length
    ? html`<h3 class="fr-h6">Prise en charge spécifique</h3>${list(venue.prise_en_charge_specifique, '')}`
    : ''
}
<h3 class="fr-h6">Modalités d’accès</h3>${list(venue.modalites_acces, 'Non renseignées.')}
<h3 class="fr-h6">Accompagnement</h3>${list(venue.modalites_accompagnement, 'Non renseigné.')}
<h3 class="fr-h6">Frais</h3>${list(venue.frais_a_charge, 'Non renseignés.')}`,
)}
${section('labels', 'Labels et dispositifs', labels)}
${section('accessibilite', 'Accessibilité', accessibility)}
${sponsors}
${jobs}
${needs}
${venue.presentation_detail ? section('presentation', 'Présentation', html`<p class="lieu-detail">${venue.presentation_detail}</p>`) : ''}
${section('signaler', 'Signaler une erreur', report)}
</div>
</div>
</div>`

  return layout({
    title: `${venue.nom} — ${place} — Maillage`,
    description,
    canonical,
    head: html`<script type="application/ld+json">${jsonForScript(jsonLd)}</script>`,
    body,
  })
}

export { COMPLETION_FIELDS }
