// Converts the producers' files into standard v1.0.2 CSV files shipped in db/seed/data/venues,
// and writes their README. Deterministic: same inputs, same bytes.
// Run: npx tsx db/seed/convert/main.ts   (MAILLAGE_SHARED_DATA overrides ../shared/data)
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { formatStandardCsv } from '../../standard/index.ts'
import { assertRoundTrip } from './check.ts'
import { Gazetteer } from './gazetteer.ts'
import { OUTPUT_DIR } from './paths.ts'
import { convertSource, type SourceResult } from './pipeline.ts'
import { dropMisplacedPoints, loadShippedGazetteer } from './placement.ts'
import { renderReadme } from './readme.ts'
import { SOURCES } from './sources/index.ts'

function main(): void {
  const gazetteer = Gazetteer.load()
  const shipped = loadShippedGazetteer()
  mkdirSync(OUTPUT_DIR, { recursive: true })
  const results: SourceResult[] = []
  const allIds = new Set<string>()
  for (const definition of SOURCES) {
    const result = convertSource(definition, gazetteer)
    const placed = dropMisplacedPoints(result.records, shipped)
    result.records = placed.records
    result.misplaced = placed.misplaced
    for (const m of placed.misplaced) console.log(`  ${m.id} : coordonnées retirées, ${m.message}`)
    for (const record of result.records) {
      if (allIds.has(record.id)) throw new Error(`Identifiant en double entre fichiers : ${record.id}`)
      allIds.add(record.id)
    }
    const file = `${definition.slug}.csv`
    const csv = formatStandardCsv(result.records)
    assertRoundTrip(file, csv, result.records)
    writeFileSync(resolve(OUTPUT_DIR, file), csv)
    results.push(result)
    const leftOut = [...result.leftOut.values()].reduce((a, b) => a + b, 0)
    console.log(
      `${file.padEnd(40)} ${String(result.rowsIn).padStart(5)} lus  ${String(result.records.length).padStart(5)} ` +
        `écrits  ${String(leftOut).padStart(4)} écartés`,
    )
  }
  writeFileSync(resolve(OUTPUT_DIR, 'README.md'), renderReadme(results, gazetteer))
  console.log(`Total : ${allIds.size} lieux`)
}

main()
