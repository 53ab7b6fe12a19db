// Server-rendered pages of the sponsors domain reuse the built assets (DSFR CSS, script) of web/parrainages.
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { escapeHtml } from '../../domain/html.ts'
import { header } from '../../domain/page-chrome.ts'

const DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url))

/** The <link>/<script> tags Vite wrote into web/dist/<page>/index.html (hashed names), or nothing before a build. */
export function builtHeadTags(page: string): string {
  const file = `${DIST}${page}/index.html`
  if (!existsSync(file)) return ''
  const html = readFileSync(file, 'utf8')
  return (html.match(/<(?:link rel="(?:stylesheet|modulepreload)"[^>]*|script type="module"[^>]*><\/script)>/g) ?? []).join('\n  ')
}

export function pageShell(options: { title: string; headTags: string; body: string; bodyAttributes?: string }): string {
  return `<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(options.title)}</title>
  ${options.headTags}
</head>
<body ${options.bodyAttributes ?? ''}>
  ${header({ tagline: 'Lieux de médiation numérique', nav: 'menu' })}
  <main id="main" class="fr-container fr-my-4w">
${options.body}
  </main>
</body>
</html>`
}
