// The error services and routes throw to answer with a problem (RFC 9457): a status, a French detail, and
// `errors[]` naming each field. Defined below the API so services can refuse without importing routes;
// api/plugins/problem.ts turns it into the response.

export interface FieldError {
  field: string
  message: string
}

export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  errors?: FieldError[]
  [extension: string]: unknown
}

/** An error a route throws to answer with a given problem. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly extra: Partial<Problem> = {},
  ) {
    super(detail)
  }
}
