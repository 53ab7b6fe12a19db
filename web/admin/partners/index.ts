// /admin, « Entreprises et parrainages »: mounted in its section by main.ts; admins see every part, curators the
// proposals to confirm and the needs of their venues.
import { renderCompanies } from './companies.ts'
import { renderNeeds, renderPending, renderSponsorships } from './sponsorships.ts'

export async function loadPartners(root: HTMLElement, role: string): Promise<void> {
  root.innerHTML = `<h2>Entreprises et parrainages</h2>
  <div id="partners-pending"></div><div id="partners-needs"></div>
  ${role === 'admin' ? '<div id="partners-companies"></div><div id="partners-sponsorships"></div>' : ''}`
  const refresh = () => loadPartners(root, role)
  await renderPending(root.querySelector('#partners-pending')!, refresh)
  await renderNeeds(root.querySelector('#partners-needs')!, refresh)
  if (role === 'admin') {
    const companies = await renderCompanies(root.querySelector('#partners-companies')!, refresh)
    await renderSponsorships(root.querySelector('#partners-sponsorships')!, companies, refresh)
  }
  root.dataset.ready = 'true'
}
