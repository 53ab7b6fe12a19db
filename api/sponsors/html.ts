// Server-rendered pages of the sponsors domain reuse the built assets (DSFR CSS, script) of web/parrainages.
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { escapeHtml } from '../../domain/html.ts'

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
  <header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
    <div class="fr-header__brand fr-enlarge-link"><div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
    <div class="fr-header__service"><a href="/" title="Accueil — Maillage"><p class="fr-header__service-title">Maillage</p></a>
    <p class="fr-header__service-tagline">Lieux de médiation numérique</p></div></div>
  </div></div></div>
  <nav class="fr-container" aria-label="Menu principal"><ul class="fr-nav__list" style="display:flex;gap:1.5rem;list-style:none;padding:0">
    <li><a class="fr-nav__link" href="/">Carte</a></li><li><a class="fr-nav__link" href="/parrainages/">Parrainages</a></li><li><a class="fr-nav__link" href="/gouvernance/">Gouvernance</a></li>
  </ul></nav></header>
  <main id="main" class="fr-container fr-my-4w">
${options.body}
  </main>
</body>
</html>`
}
