/**
 * A tiny web site on a loopback address for ingestion tests: routes map a
 * path to a handler, every request is recorded (so a test can prove a server
 * was never reached). Loopback only, as the house rules require.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface LocalWeb {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: { path: string; headers: http.IncomingHttpHeaders }[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

/** Starts a server on `host` (127.0.0.1 by default; 127.0.0.2 or ::1 for a refused target). */
export async function startLocalWeb(host = '127.0.0.1'): Promise<LocalWeb> {
  const routes = new Map<string, Route>();
  const requests: LocalWeb['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path) ?? routes.get(path.split('?')[0]!);
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    port,
    requests,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler answering `body` with `status` and `headers`. */
export function reply(status: number, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): Route {
  return (_req, res) => void res.writeHead(status, headers).end(body);
}
