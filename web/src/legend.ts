// The map's legend: what the pins and shapes mean (numbered list results, other venues, groups, the searched
// place and its radius). A <details> so a phone can fold it; open on wide screens.
export function createLegend(panel: HTMLElement): HTMLDetailsElement {
  const legend = document.createElement('details')
  legend.className = 'map-legend'
  legend.id = 'map-legend'
  legend.open = window.matchMedia('(min-width: 48em)').matches
  legend.innerHTML = `
    <summary>Légende</summary>
    <ul>
      <li><span class="legend-symbol venue-marker" aria-hidden="true">1</span> Lieu de la liste (numéro de la liste)</li>
      <li><span class="legend-symbol venue-marker legend-selected" aria-hidden="true">1</span> Lieu choisi</li>
      <li><span class="legend-symbol legend-dot" aria-hidden="true"></span> Autre lieu correspondant aux filtres</li>
      <li><span class="legend-symbol cluster-marker" aria-hidden="true">12</span> Plusieurs lieux proches (zoomer pour les voir)</li>
      <li><span class="legend-symbol you-are-here" aria-hidden="true"></span> Vous êtes ici, ou le lieu cherché</li>
      <li><span class="legend-symbol legend-radius" aria-hidden="true"></span> Distance de recherche</li>
    </ul>`
  panel.append(legend)
  return legend
}
