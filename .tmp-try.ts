import { readFileSync } from 'node:fs'
import { frenchHoursToOsm, frenchTimeRangesToOsm } from './db/seed/convert/hours.ts'
const samples: string[] = []
const d = JSON.parse(readFileSync('/work/shared/data/venues/mednum-cli-inputs/angers.json', 'utf8')); samples.push(...d.map((r: any) => r.HORAIRE))
const c = JSON.parse(readFileSync('/work/shared/data/venues/mednum-cli-inputs/corse.json', 'utf8')); samples.push(...c.map((r: any) => r.Horaires))
const f = JSON.parse(readFileSync('/work/shared/data/venues/mednum-cli-inputs/fibre-64.json', 'utf8')); samples.push(...f.map((r: any) => r.Leshorairesdemastructure))
const l = JSON.parse(readFileSync('/work/shared/data/venues/mednum-cli-inputs/la-creuse.json', 'utf8')); samples.push(...l.map((r: any) => r.horaires))
const e = JSON.parse(readFileSync('/work/shared/data/venues/mednum-cli-inputs/epernay.json', 'utf8')); samples.push(...e.map((r: any) => r["Horaires d'ouverture__1"]))
let ok = 0, n = 0
for (const s of samples) { if (!s) continue; n++; const o = frenchHoursToOsm(s); if (o) ok++; console.log(o ? 'OK ' : '-- ', JSON.stringify(s).slice(0, 150), '=>', o) }
console.log(ok, n)
for (const s of ['07:30-11:30, 12:15-16:00', '08:00 - 16:00', '7:45-18:00', '9h à 12h']) console.log(s, '=>', frenchTimeRangesToOsm(s))
