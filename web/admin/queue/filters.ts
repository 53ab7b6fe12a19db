// The queue's filters (status, type, territory, author, age) as the query of GET /api/v1/submissions.
const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement).value.trim()

export function filterQuery(): URLSearchParams {
  const params = new URLSearchParams({ status: value('queue-status'), limit: '200' })
  const kind = value('queue-kind')
  const territory = value('queue-territory').replace(/\s+/g, '')
  const author = value('queue-author')
  const age = value('queue-age')
  if (kind) params.set('kind', kind)
  if (territory) params.set('territory', territory)
  if (author) params.set('author', author)
  // "o7": filed at least 7 days ago; "n1": within the last day.
  if (age.startsWith('o')) params.set('older_than_days', age.slice(1))
  if (age.startsWith('n')) params.set('newer_than_days', age.slice(1))
  return params
}
