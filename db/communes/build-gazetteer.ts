// Dev tool: derives the shipped gazetteer (db/communes/communes.csv) from the shared commune centres file.
// Keeps COM rows and the municipal arrondissements (ARM) of Paris, Lyon and Marseille; drops COMD rows,
// which are parts of a parent commune and would count its inhabitants twice.
// Usage: npx tsx db/communes/build-gazetteer.ts ../shared/data/geo/communes-centroids.csv
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'

interface SourceRow {
  insee_com: string
  insee_reg: string
  insee_dep: string
  commune_article: string
  code_postal: string
  commune_type: string
  lat: string
  lng: string
  population_2021: string
}

const input = process.argv[2] ?? '../shared/data/geo/communes-centroids.csv'
const rows = parse(readFileSync(input), { columns: true, skip_empty_lines: true }) as SourceRow[]
const byCode = new Map<string, { row: SourceRow; postcodes: string[] }>()
for (const row of rows) {
  if (row.commune_type !== 'COM' && row.commune_type !== 'ARM') continue
  const entry = byCode.get(row.insee_com)
  if (entry) {
    if (!entry.postcodes.includes(row.code_postal)) entry.postcodes.push(row.code_postal)
  } else byCode.set(row.insee_com, { row, postcodes: [row.code_postal] })
}
const out = [...byCode.values()]
  .sort((a, b) => a.row.insee_com.localeCompare(b.row.insee_com))
  .map(({ row, postcodes }) => [
    row.insee_com,
    row.commune_article,
    row.insee_dep,
    row.insee_reg,
    postcodes.sort().join('|'),
    row.population_2021,
    row.lat,
    row.lng,
  ])
writeFileSync(
  'db/communes/communes.csv',
  stringify(out, {
    header: true,
    columns: ['code_insee', 'nom', 'departement', 'region', 'codes_postaux', 'population', 'latitude', 'longitude'],
  }),
)
console.log(`${out.length} communes written to db/communes/communes.csv`)
