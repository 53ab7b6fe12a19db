// The frame of every HTML page (DSFR skip links, header, footer), as plain strings: the Vite pages get it
// through web/chrome-plugin.ts at build time, the server-rendered pages (api/pages, api/sponsors) call
// it directly, so the chrome is written once. Callers pass trusted text (no visitor input).
import { escapeHtml } from './html.ts'

export interface HeaderOptions {
  /** The service title: "Maillage" (the admin says "Maillage — administration"). */
  title?: string
  /** Where the title links to, and that link's title attribute. */
  home?: string
  homeTitle?: string
  tagline: string
  /** The main menu (Carte, Parrainages, Gouvernance); the page it names is marked current. */
  nav?: 'none' | 'menu' | 'carte' | 'parrainages' | 'gouvernance'
  /** HTML of the header's tools area (the admin's account and logout). */
  tools?: string
}

const MENU: readonly [string, string, string][] = [
  ['carte', '/', 'Carte'],
  ['parrainages', '/parrainages/', 'Parrainages'],
  ['gouvernance', '/gouvernance/', 'Gouvernance'],
]

/** Skip links: `[['#contenu', 'Contenu'], ['#footer', 'Pied de page']]`. */
export function skipLinks(links: readonly (readonly [string, string])[]): string {
  const items = links.map(([href, label]) => `<li><a class="fr-link" href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`).join('')
  return `<div class="fr-skiplinks"><nav class="fr-container" role="navigation" aria-label="Accès rapide"><ul class="fr-skiplinks__list">
    ${items}
  </ul></nav></div>`
}

export function header(options: HeaderOptions): string {
  const { title = 'Maillage', home = '/', homeTitle = 'Accueil — Maillage', tagline, nav = 'none', tools } = options
  const current = (key: string) => (key === nav ? ' aria-current="page"' : '')
  const menu =
    nav === 'none'
      ? ''
      : `
    <nav class="fr-container" aria-label="Menu principal">
    <ul class="fr-nav__list" style="display:flex;gap:1.5rem;list-style:none;padding:0">
      ${MENU.map(([key, href, label]) => `<li><a class="fr-nav__link" href="${href}"${current(key)}>${label}</a></li>`).join('')}
    </ul></nav>`
  const toolsArea = tools
    ? `
      <div class="fr-header__tools"><div class="fr-header__tools-links">${tools}</div></div>`
    : ''
  return `<header role="banner" class="fr-header">
    <div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
      <div class="fr-header__brand fr-enlarge-link">
        <div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
        <div class="fr-header__service">
          <a href="${escapeHtml(home)}" title="${escapeHtml(homeTitle)}"><p class="fr-header__service-title">${escapeHtml(title)}</p></a>
          <p class="fr-header__service-tagline">${escapeHtml(tagline)}</p>
        </div>
      </div>${toolsArea}
    </div></div></div>${menu}
  </header>`
}

const FOOTER_LINKS: readonly [string, string][] = [
  ['/parrainages/', 'Entreprises partenaires'],
  ['/gouvernance/', 'Gouvernance et indicateurs'],
  ['/integrer/', 'Intégrer la carte'],
  ['/docs', 'API'],
  ['/fiche/', 'Fiche d’orientation'],
]

const footerItem = (inner: string) => `<li class="fr-footer__bottom-item">${inner}</li>`

export function footer(): string {
  return `<footer class="fr-footer" role="contentinfo" id="footer">
    <div class="fr-container">
      <div class="fr-footer__body">
        <div class="fr-footer__brand fr-enlarge-link">
          <a href="/" title="Retour à l’accueil — Maillage"><p class="fr-logo">République<br>Française</p></a>
        </div>
        <div class="fr-footer__content"><p class="fr-footer__content-desc">Maillage recense les lieux de médiation numérique
          à partir des données ouvertes publiées par leurs producteurs, au standard national des lieux de médiation
          numérique.</p></div>
      </div>
      <div class="fr-footer__bottom">
        <ul class="fr-footer__bottom-list">
          ${FOOTER_LINKS.map(([href, label]) => footerItem(`<a class="fr-footer__bottom-link" href="${href}">${label}</a>`)).join(
            '\n          ',
          )}
          ${footerItem('<span class="fr-footer__bottom-link">Accessibilité : non conforme (audit non réalisé)</span>')}
        </ul>
      </div>
    </div>
  </footer>`
}
