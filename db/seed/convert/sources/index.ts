// Every source converted into the shipped demo data, in file order.
import type { SourceDefinition } from '../source.ts'
import { aixEnProvence } from './aix-en-provence.ts'
import { angers } from './angers.ts'
import { busFranceServicesCharente } from './bus-france-services-charente.ts'
import { corse } from './corse.ts'
import { epernay } from './epernay.ts'
import { etapesNumerique } from './etapes-numerique.ts'
import { fibre64 } from './fibre-64.ts'
import { francilin, franceServices2020, lesAssembleurs } from './aidants-connect-carto-2020.ts'
import { gironde } from './gironde.ts'
import { hinaura } from './hinaura.ts'
import { hubLo } from './hub-lo.ts'
import { laCreuse } from './la-creuse.ts'
import { maineEtLoire } from './maine-et-loire.ts'
import { nouvelleCaledonie } from './nouvelle-caledonie.ts'
import { ultraNum } from './ultra-num.ts'

export const SOURCES: SourceDefinition[] = [
  hinaura,
  francilin,
  lesAssembleurs,
  franceServices2020,
  aixEnProvence,
  angers,
  busFranceServicesCharente,
  corse,
  epernay,
  etapesNumerique,
  fibre64,
  gironde,
  hubLo,
  laCreuse,
  maineEtLoire,
  nouvelleCaledonie,
  ultraNum,
]
