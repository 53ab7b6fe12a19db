// Vite asset imports used by the front end.
declare module '*?url' {
  const url: string
  export default url
}
