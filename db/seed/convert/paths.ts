// Where the conversion reads the producers' files and writes the shipped standard CSV files.
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

// The read-only shared data folder (next to the project by default).
export const SHARED_DATA_DIR = process.env.MAILLAGE_SHARED_DATA ?? resolve(PROJECT_ROOT, '../shared/data')

export const VENUES_INPUT_DIR = resolve(SHARED_DATA_DIR, 'venues')
export const GAZETTEER_FILE = resolve(SHARED_DATA_DIR, 'geo/communes-centroids.csv')
export const OUTPUT_DIR = resolve(PROJECT_ROOT, 'db/seed/data/venues')
