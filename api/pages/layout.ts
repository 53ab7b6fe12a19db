// The DSFR page frame (skip links, header, footer) shared by the server-rendered pages.
import { entryAssets } from './assets.ts'
import { html, type SafeHtml } from './html.ts'

export interface LayoutOptions {
  title: string
  description: string
  canonical?: string | null
  head?: SafeHtml
  body: SafeHtml
  entry?: string
}

export function header(): SafeHtml {
  return html`<header role="banner" class="fr-header">
  <div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
    <div class="fr-header__brand fr-enlarge-link">
      <div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
      <div class="fr-header__service">
        <a href="/" title="Accueil — Maillage"><p class="fr-header__service-title">Maillage</p></a>
        <p class="fr-header__service-tagline">Trouver un lieu de médiation numérique près de chez soi</p>
      </div>
    </div>
  </div></div></div>
</header>`
}

export function footer(): SafeHtml {
  return html`<footer class="fr-footer" role="contentinfo" id="footer">
  <div class="fr-container">
    <div class="fr-footer__body">
      <div class="fr-footer__brand fr-enlarge-link"><a href="/" title="Retour à l’accueil — Maillage"><p class="fr-logo">République<br>Française</p></a></div>
      <div class="fr-footer__content">
        <p class="fr-footer__content-desc">Maillage recense les lieux de médiation numérique à partir des données ouvertes publiées par leurs producteurs, au standard national des lieux de médiation numérique.</p>
      </div>
    </div>
    <div class="fr-footer__bottom">
      <ul class="fr-footer__bottom-list">
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/parrainages/">Entreprises partenaires</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/gouvernance/">Gouvernance et indicateurs</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/integrer/">Intégrer la carte</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/docs">API</a></li>
        <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="/fiche/">Fiche d’orientation</a></li>
        <li class="fr-footer__bottom-item"><span class="fr-footer__bottom-link">Accessibilité : non conforme (audit non réalisé)</span></li>
      </ul>
    </div>
  </div>
</footer>`
}

export function layout(options: LayoutOptions): string {
  const assets = entryAssets(options.entry ?? 'src/venue-page.ts')
  return `<!doctype html>\n${html`<html lang="fr" data-fr-scheme="light">
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
<div class="fr-skiplinks"><nav class="fr-container" role="navigation" aria-label="Accès rapide"><ul class="fr-skiplinks__list">
  <li><a class="fr-link" href="#contenu">Contenu</a></li><li><a class="fr-link" href="#footer">Pied de page</a></li>
</ul></nav></div>
${header()}
<main id="contenu" role="main" tabindex="-1">
${options.body}
</main>
${footer()}
</body>
</html>`.value}`
}
