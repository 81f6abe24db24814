/** Installations by OAuth on each engine: kept per workspace or organisation, tokens sealed in the database. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { withTokenCipher, type Installation, type InstallationStore } from '../../src/store/installation-store.ts';
import { createTokenCipher } from '../../src/store/token-cipher.ts';
import { ENGINES, storesOn } from './engines.ts';

const T0 = new Date('2026-12-01T09:00:00Z');
const TOKEN_A = 'xoxb-1111-aaaa-workspaceatokensecret';
const TOKEN_ORG = 'xoxb-2222-bbbb-orgwidetokensecret';

const install = (overrides: Partial<Installation>): Installation => ({
  teamId: 'T1',
  teamName: 'Ministry',
  enterpriseId: null,
  enterpriseName: null,
  isEnterpriseInstall: false,
  appId: 'A1',
  botToken: TOKEN_A,
  botId: 'B1',
  botUserId: 'UBOT',
  botScopes: ['commands', 'chat:write'],
  installerUserId: 'U1',
  installedAt: T0,
  ...overrides,
});

/** Every byte the engine keeps: the SQLite file (and its WAL), or every row of the PostgreSQL table as text. */
async function everythingStored(location: { dataDir: string; databaseUrl: string | null }): Promise<string> {
  if (location.databaseUrl === null) {
    return fs
      .readdirSync(location.dataDir)
      .filter((f) => f.startsWith('aigov.sqlite'))
      .map((f) => fs.readFileSync(path.join(location.dataDir, f)).toString('latin1'))
      .join('');
  }
  const client = new pg.Client({ connectionString: location.databaseUrl });
  await client.connect();
  try {
    return JSON.stringify((await client.query('SELECT * FROM slack_installations')).rows);
  } finally {
    await client.end();
  }
}

describe.each(ENGINES)('installations on $name', (engine) => {
  const stores = storesOn(engine);
  const cipher = createTokenCipher(randomBytes(32));
  let installations: InstallationStore;

  beforeEach(async () => {
    installations = withTokenCipher((await stores.open()).installations, cipher);
  });

  it('keeps one per workspace, replaced by a reinstall, with its token readable only through the key', async () => {
    await installations.saveInstallation(install({}));
    await installations.saveInstallation(install({ botScopes: ['commands', 'chat:write', 'users:read'], installedAt: new Date(T0.getTime() + 1000) }));
    const found = await installations.findInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false });
    expect(found).toMatchObject({ teamId: 'T1', botToken: TOKEN_A, botScopes: ['commands', 'chat:write', 'users:read'], botUserId: 'UBOT' });
    expect(await installations.findInstallation({ teamId: 'T2', enterpriseId: null, isEnterpriseInstall: false })).toBeNull();
    const stored = await everythingStored(stores.location());
    expect(stored).not.toContain(TOKEN_A);
    expect(stored).not.toContain('workspaceatokensecret');
    // With another key, the stored token cannot be read.
    const other = withTokenCipher((await stores.open()).installations, createTokenCipher(randomBytes(32)));
    await expect(other.findInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false })).rejects.toThrow(/key this bot does not have/);
  });

  it('serves every workspace of an organisation from an org-wide install, a workspace install first', async () => {
    await installations.saveInstallation(install({ teamId: null, enterpriseId: 'E1', isEnterpriseInstall: true, botToken: TOKEN_ORG }));
    expect((await installations.findInstallation({ teamId: 'T7', enterpriseId: 'E1', isEnterpriseInstall: false }))?.botToken).toBe(TOKEN_ORG);
    await installations.saveInstallation(install({ teamId: 'T8', enterpriseId: 'E1' }));
    expect((await installations.findInstallation({ teamId: 'T8', enterpriseId: 'E1', isEnterpriseInstall: false }))?.botToken).toBe(TOKEN_A);
    expect(await installations.findInstallation({ teamId: 'T7', enterpriseId: 'E2', isEnterpriseInstall: false })).toBeNull();
  });

  it('deletes an installation (uninstalled, tokens revoked): nothing serves that workspace after', async () => {
    await installations.saveInstallation(install({}));
    expect(await installations.deleteInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false })).toBe(true);
    expect(await installations.deleteInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false })).toBe(false);
    expect(await installations.findInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false })).toBeNull();
  });
});
