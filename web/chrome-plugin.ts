// Vite HTML transform: every static page writes its frame as placeholders, filled here from the same
// partials the server-rendered pages use (domain/page-chrome.ts), and shared bodies from web/partials/:
//   <maillage-skiplinks links="#contenu Contenu|#footer Pied de page"></maillage-skiplinks>
//   <maillage-header tagline="…" nav="gouvernance">optional tools HTML</maillage-header>
//   <maillage-footer></maillage-footer>
//   <maillage-include src="map-body"></maillage-include>   (web/partials/map-body.html)
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { footer, header, skipLinks, type HeaderOptions } from '../domain/page-chrome.ts'

const TAG = /<maillage-(skiplinks|header|footer|include)((?:\s+[\w-]+="[^"]*")*)\s*>([\s\S]*?)<\/maillage-\1>/g

function attributes(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
}

/** Fills the placeholders of one page (exported for the page-chrome test). */
export function fillChrome(html: string, partials: string): string {
  return html.replace(TAG, (_, kind: string, attrText: string, inner: string) => {
    const a = attributes(attrText)
    switch (kind) {
      case 'skiplinks':
        return skipLinks(
          (a.links ?? '').split('|').map((link) => {
            const at = link.indexOf(' ')
            return [link.slice(0, at), link.slice(at + 1)] as const
          }),
        )
      case 'header':
        return header({
          title: a.title,
          home: a.home,
          homeTitle: a['home-title'],
          tagline: a.tagline ?? '',
          nav: a.nav as HeaderOptions['nav'],
          tools: inner.trim() || undefined,
        })
      case 'footer':
        return footer()
      default:
        if (!/^[\w-]+$/.test(a.src ?? '')) throw new Error(`maillage-include: nom de partiel invalide « ${a.src} »`)
        return fillChrome(readFileSync(resolve(partials, `${a.src}.html`), 'utf8'), partials)
    }
  })
}

export function pageChrome(partials: string): Plugin {
  return {
    name: 'maillage-page-chrome',
    transformIndexHtml: { order: 'pre', handler: (html) => fillChrome(html, partials) },
  }
}
