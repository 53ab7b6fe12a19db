// The queue's keyboard shortcuts, announced on the page: j/k move, a approve, r reject (reason then Enter),
// x select, Maj+A approve the selection, Maj+R refuse the selection. Ignored while typing in a field.
export interface QueueKeys {
  move(delta: number): void
  approve(): void
  reject(): void
  toggle(): void
  approveSelection(): void
  rejectSelection(): void
}

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
}

export function bindQueueKeys(view: HTMLElement, keys: QueueKeys): void {
  document.addEventListener('keydown', (event) => {
    if (view.hidden || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return
    const actions: Record<string, () => void> = {
      j: () => keys.move(1),
      k: () => keys.move(-1),
      a: keys.approve,
      r: keys.reject,
      x: keys.toggle,
      A: keys.approveSelection,
      R: keys.rejectSelection,
    }
    const action = actions[event.key]
    if (!action) return
    event.preventDefault()
    action()
  })
}
