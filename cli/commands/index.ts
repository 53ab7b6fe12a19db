// The `maillage` subcommands (DESIGN.md "Command contract").
import type { Command } from '../command.ts'
import { exportCommand } from './export.ts'
import { importCommand } from './import.ts'
import { migrate } from './migrate.ts'
import { serve } from './serve.ts'

export const COMMANDS: Record<string, Command> = {
  serve,
  migrate,
  import: importCommand,
  export: exportCommand,
}
