import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorpusStatus } from '../core/corpus-service.ts';

/** Path of the health check, served in both HTTP and Socket Mode. */
export const HEALTH_PATH = '/healthz';

/**
 * `GET /healthz`: 200 with the corpus status once the index is ready, 503
 * before, so an orchestrator sends no traffic to a bot that cannot answer yet.
 */
export function createHealthHandler(status: () => CorpusStatus) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const current = status();
    const body = JSON.stringify({ status: current.ready ? 'ok' : 'loading', ...current });
    res.writeHead(current.ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
