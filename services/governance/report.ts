// The yearly review as one self-contained printable HTML page (served at /gouvernance/rapport/{year}, written by `maillage report`).
import type { Kysely } from 'kysely'
import { cachedDepartementFigures, cachedIndicators } from '../../db/governance/cache.ts'
import type { Indicators } from '../../domain/governance/indicators.ts'
import type { Database } from '../../db/types.ts'
import { barChart, gauge, lineChart, number, percent } from '../../domain/governance/charts.ts'
import { escapeHtml as esc } from '../../domain/html.ts'
import { kindLabels } from '../../domain/sponsorship.ts'
import { VENUE_STATUS_PLURALS } from '../../domain/venue-status.ts'
import { METHODS } from './methods.ts'

const STATUS_NAMES: Record<string, string> = VENUE_STATUS_PLURALS
const KIND_NAMES = kindLabels('plural')

const FULL_LIST_NOTE = '<p>Les 50 plus peuplées sont listées ; la liste complète est dans le CSV « zones blanches » du tableau de bord.</p>'

const STYLE = `
  body { font-family: Marianne, Arial, sans-serif; color: #161616; margin: 0; line-height: 1.5; }
  main { max-width: 60rem; margin: 0 auto; padding: 2rem; }
  h1 { color: #000091; font-size: 2rem; }
  h2 { color: #000091; border-bottom: 2px solid #000091; padding-bottom: .2rem; margin-top: 2.5rem; }
  .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 1rem; }
  .figure { border: 1px solid #ddd; border-left: 4px solid #000091; padding: .75rem; }
  .figure strong { display: block; font-size: 1.6rem; color: #000091; }
  svg { max-width: 44rem; height: auto; display: block; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .9rem; }
  th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; } td.n, th.n { text-align: right; }
  caption { text-align: left; font-weight: bold; margin-bottom: .3rem; }
  .methods dt { font-weight: bold; margin-top: .8rem; }
  .print-link { float: right; }
  @media print {
    @page { size: A4; margin: 15mm; }
    main { max-width: none; padding: 0; } .print-link, nav { display: none; }
    h2 { break-after: avoid; } section, table, svg, .figure { break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
  }`

export function reportHtml(
  ind: Indicators,
  departements: {
    code: string
    population: number
    published: number
    per_10000: number
    coverage_km: Record<'5' | '10' | '20', number>
    white_zones: number
  }[],
  year: number,
): string {
  const figures: [string, string][] = [
    ['Lieux publiés', number(ind.venues.published)],
    ['Lieux pour 10 000 hab.', number(ind.venues.per_10000, 2)],
    ['Population à moins de 10 km', percent(ind.coverage_km['10'])],
    ['Zones blanches', number(ind.white_zones.count)],
    ['Jeunes en emploi d’avenir', `${number(ind.sponsorships.emplois_avenir_youth)} / ${number(ind.sponsorships.target)}`],
    ['Appareils donnés', number(ind.sponsorships.devices_donated)],
    ['Fonds Solidarités Numériques', `${number(ind.sponsorships.amount_eur)} €`],
    ['Fiches à jour (12 mois)', percent(ind.freshness.updated_within_12_months)],
  ]
  const cls = (i: number, numeric: number[]) => (numeric.includes(i) ? ' class="n"' : '')
  const table = (caption: string, head: string[], rows: (string | number)[][], numeric: number[] = []) =>
    `<table><caption>${esc(caption)}</caption><thead><tr>` +
    `${head.map((h, i) => `<th scope="col"${cls(i, numeric)}>${esc(h)}</th>`).join('')}` +
    `</tr></thead><tbody>` +
    `${
      rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i, numeric)}>${esc(c)}</td>`).join('')}</tr>`).join('') ||
      `<tr><td colspan="${head.length}">Aucune donnée.</td></tr>`
    }` +
    `</tbody></table>`
  const asOf = esc(new Date(`${ind.as_of}T12:00:00Z`).toLocaleDateString('fr-FR'))
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport annuel ${year} — Maillage, comité de gouvernance</title><style>${STYLE}</style></head>
<body><main id="main">
<nav><a href="/gouvernance/">← Tableau de bord</a></nav>
<p class="print-link">Pour imprimer ou enregistrer en PDF : Ctrl+P (⌘+P).</p>
<h1>Rapport annuel ${year} du réseau de la médiation numérique</h1>
<p>Territoire : <strong>${ind.territory === 'fr' ? 'France entière' : esc(ind.territory)}</strong>
— état au <strong>${asOf}</strong>
— population de référence : ${number(ind.population)} habitants (${number(ind.communes)} communes).</p>
<section><h2>Chiffres clés</h2>
<div class="figures">${figures.map(([l, v]) => `<div class="figure"><strong>${esc(v)}</strong>${esc(l)}</div>`).join('')}</div></section>
<section><h2>Le réseau des lieux</h2>
${barChart(
  Object.entries(ind.venues.by_status).map(([s, n]) => ({ label: STATUS_NAMES[s] ?? s, value: n })),
  { title: 'Lieux par statut' },
)}
${table(
  'Lieux par statut',
  ['Statut', 'Lieux'],
  Object.entries(ind.venues.by_status).map(([s, n]) => [STATUS_NAMES[s] ?? s, n]),
  [1],
)}
<h3>Évolution mensuelle des lieux publiés</h3>
<p>${seriesNote(ind)}</p>
${lineChart(
  ind.timeseries.map((t) => ({ label: t.month, value: t.published })),
  { title: 'Lieux publiés en fin de mois' },
)}
${table(
  'Lieux publiés en fin de mois',
  ['Mois', 'Lieux publiés'],
  ind.timeseries.map((t) => [t.month, t.published]),
  [1],
)}</section>
<section><h2>Couverture du territoire</h2>
<p>${collectionNote(ind)}</p>
${barChart(
  (['5', '10', '20'] as const).map((k) => ({
    label: `à moins de ${k} km`,
    value: ind.coverage_km[k],
    display: percent(ind.coverage_km[k]),
  })),
  { title: 'Part de la population à moins de 5, 10 et 20 km d’un lieu publié', max: 1 },
)}
${table(
  'Population couverte',
  ['Distance', 'Population couverte', 'Part'],
  (['5', '10', '20'] as const).map((k) => [`${k} km`, number(ind.covered_population[k]), percent(ind.coverage_km[k])]),
  [1, 2],
)}
${table(
  `Zones blanches : ${ind.white_zones.count} communes de 1 000 habitants ou plus à plus de 10 km d’un lieu (` +
    `${number(ind.white_zones.population)} habitants)`,
  ['Commune', 'Code INSEE', 'Population', 'Lieu le plus proche (km)'],
  ind.white_zones.communes
    .slice(0, 50)
    .map((w) => [w.nom, w.code_insee, number(w.population), w.distance_km === null ? '—' : number(w.distance_km, 1)]),
  [2, 3],
)}
${ind.white_zones.count > 50 ? FULL_LIST_NOTE : ''}</section>
${
  departements.length
    ? `<section><h2>Par département (état actuel)</h2>${table(
        'Indicateurs par département',
        ['Département', 'Population', 'Lieux publiés', 'Pour 10 000 hab.', 'Couverture 10 km', 'Zones blanches'],
        departements.map((d) => [
          d.code,
          number(d.population),
          d.published,
          number(d.per_10000, 2),
          percent(d.coverage_km['10']),
          d.white_zones,
        ]),
        [1, 2, 3, 4, 5],
      )}</section>`
    : ''
}
<section><h2>Parrainages CINOV-IT</h2>
<h3>Emplois d’avenir numériques</h3>${gauge(ind.sponsorships.emplois_avenir_youth, ind.sponsorships.target, {
    title: 'Jeunes en emploi d’avenir face à l’objectif de 2 000',
  })}
${barChart(
  Object.entries(ind.sponsorships.by_kind).map(([k, n]) => ({ label: KIND_NAMES[k] ?? k, value: n })),
  { title: 'Parrainages en cours par type', color: '#18753c' },
)}
${table(
  'Parrainages',
  ['Indicateur', 'Valeur'],
  [
    ['Parrainages en cours', ind.sponsorships.active],
    ['Entreprises engagées', ind.sponsorships.companies],
    ['Lieux parrainés', ind.sponsorships.venues_sponsored],
    ['Jeunes en emploi d’avenir', ind.sponsorships.emplois_avenir_youth],
    ['Appareils donnés (cumul)', ind.sponsorships.devices_donated],
    ['Versé au fonds Solidarités Numériques (cumul, €)', number(ind.sponsorships.amount_eur, 2)],
  ],
  [1],
)}</section>
<section><h2>Labels et dispositifs</h2>
${table(
  'Labels actifs',
  ['Label', 'Lieux'],
  Object.entries(ind.labels.active).map(([s, n]) => [ind.labels.names[s] ?? s, n]),
  [1],
)}
${table(
  'Dispositifs et programmes nationaux',
  ['Dispositif', 'Lieux'],
  Object.entries(ind.dispositifs).map(([d, n]) => [d, n]),
  [1],
)}</section>
<section><h2>Fraîcheur des données</h2><p>${percent(ind.freshness.updated_within_12_months)} des lieux publiés
(${number(ind.freshness.updated)} sur ${number(ind.freshness.published)}) ont été mis à jour dans les 12 derniers mois.</p></section>
<section class="methods"><h2>Méthodes</h2><dl>${METHODS.map((m) => `<dt>${esc(m.title)}</dt><dd>${esc(m.text)}</dd>`).join('')}</dl>
<p>Données ouvertes : chaque chiffre est téléchargeable en CSV depuis
<code>/api/v1/governance/indicators?territory=${esc(ind.territory)}&amp;year=${year}&amp;format=csv&amp;figure=…</code>.</p></section>
</main></body></html>`
}

export async function renderReport(db: Kysely<Database>, year: number, territory = 'fr'): Promise<string> {
  const currentYear = new Date().getUTCFullYear()
  const ind = await cachedIndicators(db, territory, year < currentYear ? year : null)
  const departements = territory === 'fr' ? await cachedDepartementFigures(db) : []
  return reportHtml(ind, departements, year)
}

/** Where producer data exists: white zones are sought only there (db/governance/collected.ts). */
function collectionNote(ind: Indicators): string {
  const dc = ind.data_collection
  if (dc.departements.length === 0)
    return (
      'Données non encore collectées sur ce territoire : aucun producteur territorial n’y a chargé ses lieux ; les ' +
      'zones blanches n’y sont pas recherchées.'
    )
  if (dc.departements.length < dc.departements_total)
    return (
      `Données collectées dans ${dc.departements.length} département(s) sur ${dc.departements_total} (` +
      `${dc.departements.join(', ')}) ; ailleurs, données non encore collectées : les zones blanches ne portent que ` +
      `sur ces départements.`
    )
  return 'Données de producteurs collectées sur tout le territoire.'
}

function seriesNote(ind: Indicators): string {
  const first = ind.data_collection.first_import
  if (!first) return 'Aucun import de données pour l’instant.'
  if (!ind.data_collection.history) return `Pas d’historique pour ${ind.year} : la collecte des données a commencé le ${first}.`
  return `La série commence au premier import de données, le ${first}.`
}
