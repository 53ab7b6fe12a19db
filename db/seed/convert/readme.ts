// The README of the shipped venue files: origin, licence and counts of each file (generated).
import type { Gazetteer } from './gazetteer.ts'
import type { SourceResult } from './pipeline.ts'

export function renderReadme(results: SourceResult[], gazetteer: Gazetteer): string {
  const total = results.reduce((sum, r) => sum + r.records.length, 0)
  const totalIn = results.reduce((sum, r) => sum + r.rowsIn, 0)
  const regions = new Map<string, number>()
  for (const result of results) {
    for (const record of result.records) {
      const region = gazetteer.regionName(record)
      regions.set(region, (regions.get(region) ?? 0) + 1)
    }
  }
  const lines: string[] = [
    '# Lieux de démonstration (standard v1.0.2)',
    '',
    '<!-- Fichier généré par `npx tsx db/seed/convert/main.ts` : ne pas modifier à la main. -->',
    '',
    'Lieux réels de médiation numérique publiés en données ouvertes par leurs producteurs, convertis au',
    '[standard national des lieux de médiation numérique v1.0.2](https://github.com/LaMednum/standard-mediation-num)',
    '(un fichier CSV par source, séparateur de listes `|`). Chaque ligne a été lue par `parseStandardRecord`',
    '(ou `fromLegacyV0` pour le standard v0.1) et écrite par `toStandardRow` (`db/standard/`) : toutes les',
    'lignes livrées sont valides (champs obligatoires, motifs, longueurs, énumérations, identifiants uniques',
    'sur l’ensemble des fichiers) et chaque fichier se relit à l’octet près.',
    '',
    `**${total} lieux livrés** sur ${totalIn} lignes lues, ${results.length} fichiers.`,
    '',
    '- `id` : `<fichier>-<identifiant du producteur ou numéro de ligne>`, unique sur tous les fichiers.',
    '- `source` : le producteur. `code_insee` seulement quand le producteur le donne (sinon le chargeur',
    '  le déduit du référentiel des communes) ; `latitude`/`longitude` seulement quand le producteur les donne.',
    '- Code postal absent, mal formé ou inexistant : retrouvé dans le référentiel des communes',
    '  (`communes-centroids.csv`, INSEE COG 2024 / La Poste, Licence Ouverte) à partir du nom de la commune',
    '  (commune la plus proche des coordonnées si le nom est partagé) ; compté ci-dessous.',
    '- Coordonnées hors du département de la commune (erreur du producteur : un lieu de Tours placé dans le Var…) :',
    '  retirées, le chargeur place alors le lieu au centre de sa commune (« position approximative ») au lieu de',
    '  le refuser ; même contrôle que l’import (`db/geo/`), lieux listés ci-dessous.',
    '- Vocabulaires des producteurs traduits vers les énumérations v1.0.2 seulement quand le sens est le même ;',
    '  le reste est gardé en clair dans `presentation_detail` (ou `autres_formations_labels` pour les labels).',
    '- `horaires` : uniquement du format OpenStreetMap que la bibliothèque `opening_hours` lit sans erreur ni avertissement ;',
    '  des horaires en clair sans condition (« du lundi au vendredi de 9h à 12h ») sont traduits, les autres',
    '  restent en clair dans `presentation_detail`.',
    '- Téléphones normalisés au format international ; les numéros, courriels et sites non conformes sont',
    '  gardés en clair dans `presentation_detail`. Les noms de personnes (contacts, conseillers) ne sont pas repris.',
    '- Données personnelles : courriels et téléphones tels que publiés par les producteurs.',
    '- Quand un fichier ne nomme pas son producteur, `source` reprend le nom de la source dans le pipeline',
    '  national (mednum-cli) ou le territoire couvert.',
    '',
    'Régénérer : `npx tsx db/seed/convert/main.ts` (lit `../shared/data`, ou `MAILLAGE_SHARED_DATA`).',
    'Vérifier : `npx vitest run tests/db/standard/seed-data.test.ts` (contraintes de `schema-v1.0.2.json`,',
    'identifiants uniques, relecture sans erreur et réécriture à l’octet près).',
    '',
    '## Par région',
    '',
    '| région | lieux |',
    '| --- | ---: |',
    ...[...regions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([region, n]) => `| ${region} | ${n} |`),
    '',
    '## Par fichier',
    '',
    '| fichier | producteur (`source`) | région annoncée | lignes lues | livrées | écartées |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| \`${r.definition.slug}.csv\` | ${r.definition.producer} | ${r.definition.region} | ${r.rowsIn} | ` +
        `${r.records.length} | ${sum(r.leftOut)} |`,
    ),
    '',
  ]
  for (const result of results) {
    const d = result.definition
    lines.push(
      `### \`${d.slug}.csv\``,
      '',
      `- Fichier d’origine : \`venues/${d.input}\``,
      `- Producteur : ${d.producer}`,
      `- Licence : ${d.licence}`,
      `- Origine : ${d.origin}`,
      `- Lignes : ${result.rowsIn} lues, ${result.records.length} livrées, ${sum(result.leftOut)} écartées ; ` +
        `${result.repairedPostcodes} codes postaux retrouvés par le nom de la commune.`,
    )
    for (const [reason, n] of [...result.leftOut].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      lines.push(`  - écartées (${n}) : ${reason}`)
    }
    if (result.misplaced.length > 0) {
      lines.push(
        `- Coordonnées retirées (${result.misplaced.length}, hors du département de la commune) : ` +
          `${result.misplaced.map((m) => `\`${m.id}\` (${m.commune})`).join(', ')}.`,
      )
    }
    for (const note of d.notes) lines.push(`- ${note}`)
    lines.push('')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

function sum(map: Map<string, number>): number {
  return [...map.values()].reduce((a, b) => a + b, 0)
}
