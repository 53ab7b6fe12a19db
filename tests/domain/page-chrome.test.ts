// One page frame: the Vite pages' placeholders and the server-rendered pages are filled from the same
// partials (domain/page-chrome.ts), and / and /embed share one body (web/partials/map-body.html).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { layout } from '../../api/pages/layout.ts'
import { html } from '../../api/pages/html.ts'
import { footer, header } from '../../domain/page-chrome.ts'
import { fillChrome } from '../../web/chrome-plugin.ts'

const WEB = resolve(import.meta.dirname, '../../web')
const PAGES = [
  'index.html',
  'embed/index.html',
  'fiche/index.html',
  'integrer/index.html',
  'admin/index.html',
  'gouvernance/index.html',
  'parrainages/index.html',
]
const page = (name: string) => fillChrome(readFileSync(resolve(WEB, name), 'utf8'), resolve(WEB, 'partials'))

describe('page chrome', () => {
  it('fills every placeholder of every static page', () => {
    for (const name of PAGES) {
      const text = page(name)
      expect(text, name).not.toMatch(/<\/?maillage-/)
      if (name !== 'embed/index.html') expect(text, name).toContain('<header role="banner" class="fr-header">')
    }
  })

  it('gives the public pages and the server-rendered pages the same header and footer', () => {
    const publicHeader = header({ tagline: 'Trouver un lieu de médiation numérique près de chez soi' })
    const venuePage = layout({ title: 't', description: 'd', body: html`<p>corps</p>` })
    for (const text of [page('index.html'), page('fiche/index.html'), page('integrer/index.html'), venuePage]) {
      expect(text).toContain(publicHeader)
      expect(text).toContain(footer())
    }
    expect(page('gouvernance/index.html')).toContain('href="/gouvernance/" aria-current="page"')
    expect(page('admin/index.html')).toMatch(/fr-header__tools-links">\s*<p id="who"/)
  })

  it('/ and /embed share their body', () => {
    const body = (text: string) => text.slice(text.indexOf('<form id="search-form"'), text.indexOf('<div id="map"></div>'))
    expect(body(page('index.html'))).toBe(body(page('embed/index.html')))
    expect(body(page('index.html'))).toContain('id="results-panel" data-state="loading"')
  })
})
