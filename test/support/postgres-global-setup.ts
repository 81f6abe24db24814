/**
 * Vitest global set-up: one PostgreSQL server for the whole run (tests make
 * a database each with createDatabase), its admin URL provided to the tests
 * as `postgresAdminUrl` (`inject('postgresAdminUrl')`).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresServer, type PostgresServer } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

let server: PostgresServer | null = null;

export async function setup(project: TestProject): Promise<void> {
  server = await startPostgresServer();
  project.provide('postgresAdminUrl', server.adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = null;
}
