#!/usr/bin/env node
// The `maillage` command: runs the TypeScript sources through tsx (no build step needed).
import { register } from 'tsx/esm/api'

register()
await import('./main.ts')
