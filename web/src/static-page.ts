// Static pages (documentation): DSFR look, and the snippet shows this instance's own address.
import './dsfr.ts'

const origin = document.getElementById('origin')
const snippet = document.getElementById('snippet')
if (origin) origin.textContent = location.origin
if (snippet) snippet.textContent = (snippet.textContent ?? '').replace('https://VOTRE-INSTANCE', location.origin)
