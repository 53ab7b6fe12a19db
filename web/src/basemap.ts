// The basemap: the configured style (BASEMAP_STYLE_URL, e.g. IGN Plan IGN) when it loads, the offline style
// shipped with the application otherwise — an unreachable style host (no internet, a blocked domain, a style
// that errors) must never leave a blank map.
import type * as maplibregl from 'maplibre-gl'

export const OFFLINE_STYLE_URL = '/basemap/style.json'
/** How long the configured style may take before the offline one replaces it. */
const STYLE_TIMEOUT_MS = 8000

/**
 * Falls back to the offline style when the configured one fails before it has loaded. `onFallback` runs once,
 * after the offline style is asked for (the map's `load` event then fires as usual).
 */
export function fallBackToOfflineStyle(map: maplibregl.Map, styleUrl: string, onFallback?: () => void): void {
  const container = map.getContainer()
  container.dataset.basemap = styleUrl === OFFLINE_STYLE_URL ? 'hors-ligne' : 'en-ligne'
  if (styleUrl === OFFLINE_STYLE_URL) return
  let settled = false
  const fallBack = (reason: string) => {
    if (settled) return
    settled = true
    clearTimeout(timer)
    console.warn(`Fond de carte « ${styleUrl} » indisponible (${reason}) : fond hors ligne.`)
    container.dataset.basemap = 'hors-ligne'
    map.setStyle(OFFLINE_STYLE_URL)
    onFallback?.()
  }
  const timer = setTimeout(() => fallBack('délai dépassé'), STYLE_TIMEOUT_MS)
  map.once('style.load', () => {
    if (settled) return
    settled = true
    clearTimeout(timer)
  })
  // Errors before the style has loaded are the style's own (its JSON, or the sprite/glyphs it names); later
  // ones (a tile of the online basemap) are left to MapLibre.
  map.on('error', (event) => {
    if (!settled && !map.isStyleLoaded()) fallBack(String(event.error?.message ?? 'erreur'))
  })
}
