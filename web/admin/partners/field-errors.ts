// Field messages of a problem+json answer shown under their inputs (DSFR error state), shared by the partners'
// forms of /admin, /entreprise, the venue editor's needs and /gouvernance/comites.

export interface FieldProblem {
  field: string
  message: string
}

/** Field messages under their inputs (ids from `idOf`), cleared first; returns the first invalid input. */
export function showErrors(form: HTMLElement, errors: FieldProblem[], idOf: (field: string) => string): HTMLElement | null {
  for (const slot of form.querySelectorAll<HTMLElement>('.fr-error-text')) slot.remove()
  for (const group of form.querySelectorAll('.fr-input-group--error, .fr-select-group--error'))
    group.classList.remove('fr-input-group--error', 'fr-select-group--error')
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid')
    input.removeAttribute('aria-describedby')
  }
  let first: HTMLElement | null = null
  for (const e of errors) {
    const input = form.querySelector<HTMLElement>(`#${CSS.escape(idOf(e.field))}`)
    if (!input) continue
    const group = input.closest('.fr-input-group, .fr-select-group')
    group?.classList.add(group.classList.contains('fr-select-group') ? 'fr-select-group--error' : 'fr-input-group--error')
    const slot = document.createElement('p')
    slot.className = 'fr-error-text'
    slot.id = `${input.id}-error`
    slot.textContent = e.message
    ;(group ?? input.parentElement!).append(slot)
    input.setAttribute('aria-invalid', 'true')
    input.setAttribute('aria-describedby', slot.id)
    first ??= input
  }
  return first
}
