// `maillage <command>`: dispatches to one file per command in cli/commands/.
import { COMMANDS } from './commands/index.ts'

const [name, ...args] = process.argv.slice(2)
const command = name ? COMMANDS[name] : undefined
if (!command) {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length))
  console.error('Usage : maillage <commande> [options]\n')
  for (const [key, c] of Object.entries(COMMANDS)) console.error(`  ${key.padEnd(width)}  ${c.summary}`)
  process.exit(name ? 2 : 0)
}
try {
  const code = await command.run(args)
  if (code !== undefined) process.exitCode = code
} catch (error) {
  console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
