// The `maillage` subcommands (DESIGN.md "Command contract").
import type { Command } from '../command.ts'
import { exportCommand } from './export.ts'
import { importCommand } from './import.ts'
import { migrate } from './migrate.ts'
import { restoreCommand } from './restore.ts'
import { serve } from './serve.ts'
import { userCommand } from './user.ts'
import { apikeyCommand } from './apikey.ts'
import { reportCommand } from './report.ts'
import { syncCommand } from './sync.ts'
import { sourceCommand } from './source.ts'
import { harvestCommand } from './harvest.ts'
import { demoCommand } from './demo.ts'

export const COMMANDS: Record<string, Command> = {
  serve,
  migrate,
  import: importCommand,
  export: exportCommand,
  user: userCommand,
  apikey: apikeyCommand,
  restore: restoreCommand,
  report: reportCommand,
  sync: syncCommand,
  source: sourceCommand,
  harvest: harvestCommand,
  demo: demoCommand,
}
