// A TCP proxy the test can cut (server closed, every socket destroyed: what clients see when PostgreSQL
// stops) and restore on the same port, without touching the shared PostgreSQL the other suites use.
import net from 'node:net'

export interface CuttableProxy {
  port: number
  cut(): Promise<void>
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>()
  let server: net.Server | null = null
  let port = 0
  const listen = async () => {
    const s = net.createServer((client) => {
      const upstream = net.connect(targetPort, targetHost)
      sockets.add(client).add(upstream)
      const drop = () => {
        client.destroy()
        upstream.destroy()
        sockets.delete(client)
        sockets.delete(upstream)
      }
      client.on('error', drop).on('close', drop)
      upstream.on('error', drop).on('close', drop)
      client.pipe(upstream).pipe(client)
    })
    // Re-listening on the same port can race the kernel releasing it: retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject)
          s.listen(port, '127.0.0.1', () => {
            s.off('error', reject)
            resolve()
          })
        })
        break
      } catch (error) {
        if (attempt > 20) throw error
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    port = (s.address() as net.AddressInfo).port
    server = s
  }
  const cut = async () => {
    const s = server
    server = null
    for (const socket of sockets) socket.destroy()
    sockets.clear()
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }
  await listen()
  return {
    get port() {
      return port
    },
    cut,
    restore: listen,
    close: cut,
  }
}
