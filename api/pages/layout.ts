// The DSFR page frame of the server-rendered pages: the same skip links, header and footer as the Vite
// pages (domain/page-chrome.ts).
import { entryAssets } from './assets.ts'
import { footer as chromeFooter, header as chromeHeader, skipLinks } from '../../domain/page-chrome.ts'
import { html, SafeHtml } from './html.ts'

export interface LayoutOptions {
  title: string
  description: string
  canonical?: string | null
  head?: SafeHtml
  body: SafeHtml
  entry?: string
}

export function header(): SafeHtml {
  return new SafeHtml(chromeHeader({ tagline: 'Trouver un lieu de médiation numérique près de chez soi' }))
}

export function footer(): SafeHtml {
  return new SafeHtml(chromeFooter())
}

export function layout(options: LayoutOptions): string {
  const assets = entryAssets(options.entry ?? 'src/venue-page.ts')
  return `<!doctype html>\n${
    html`<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<meta name="description" content="${options.description}">
${options.canonical ? html`<link rel="canonical" href="${options.canonical}">` : ''}
${assets.styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${assets.scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
${options.head ?? ''}
</head>
<body>
${new SafeHtml(
  skipLinks([
    ['#contenu', 'Contenu'],
    ['#footer', 'Pied de page'],
  ]),
)}
${header()}
<main id="contenu" role="main" tabindex="-1">
${options.body}
</main>
${footer()}
</body>
</html>`.value
  }`
}
