import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorpusStatus } from '../corpus/corpus-service.ts';

/** Path of the health check, served in both HTTP and Socket Mode. */
export const HEALTH_PATH = '/healthz';

/**
 * Something other than the corpus that keeps the bot from serving: the
 * corpus worker restarting after a crash (`recovering`), the bot shutting
 * down (`stopping`), or the database failing (`store-failing`). `reason`
 * says why, in words an operator can act on.
 */
export interface HealthProblem {
  readonly status: 'recovering' | 'stopping' | 'store-failing';
  readonly reason: string;
}

/**
 * `GET /healthz`: 200 with the corpus status once the index is ready, 503
 * before (`loading`) and whenever a {@link HealthProblem} holds (its status
 * and reason in the body), so an orchestrator sends no traffic to a bot that
 * cannot answer.
 */
export function createHealthHandler(status: () => CorpusStatus, problem: () => HealthProblem | null = () => null) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const current = status();
    const trouble = problem();
    const healthy = current.ready && trouble === null;
    const body = JSON.stringify(
      trouble === null ? { status: current.ready ? 'ok' : 'loading', ...current } : { ...trouble, ...current, ready: false },
    );
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
