/** Installations (sealed tokens) on PostgreSQL, shared by every instance. */
import { installationKey, type InstallationQuery, type InstallationRecords, type SealedInstallation } from '../installation-store.ts';
import { installationLookupKeys, toInstallationRow, toSealedInstallation, type InstallationRow } from '../rows.ts';
import type { Sql } from './pg-database.ts';

export class PgInstallationRecords implements InstallationRecords {
  constructor(readonly sql: Sql) {}

  async saveInstallation(installation: SealedInstallation): Promise<void> {
    const r = toInstallationRow(installation);
    await this.sql.run(
      `INSERT INTO slack_installations (install_key, team_id, team_name, enterprise_id, enterprise_name, is_enterprise_install,
         app_id, bot_token_sealed, bot_id, bot_user_id, bot_scopes, installer_user_id, installed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, team_name = excluded.team_name,
         enterprise_id = excluded.enterprise_id, enterprise_name = excluded.enterprise_name,
         is_enterprise_install = excluded.is_enterprise_install, app_id = excluded.app_id, bot_token_sealed = excluded.bot_token_sealed,
         bot_id = excluded.bot_id, bot_user_id = excluded.bot_user_id, bot_scopes = excluded.bot_scopes,
         installer_user_id = excluded.installer_user_id, installed_at = excluded.installed_at`,
      [r.install_key, r.team_id, r.team_name, r.enterprise_id, r.enterprise_name, r.is_enterprise_install, r.app_id, r.bot_token_sealed, r.bot_id, r.bot_user_id, r.bot_scopes, r.installer_user_id, r.installed_at],
    );
  }

  async findInstallation(query: InstallationQuery): Promise<SealedInstallation | null> {
    for (const key of installationLookupKeys(query)) {
      const row = await this.sql.row<InstallationRow>('SELECT * FROM slack_installations WHERE install_key = $1', [key]);
      if (row !== undefined) return toSealedInstallation(row);
    }
    return null;
  }

  async deleteInstallation(query: InstallationQuery): Promise<boolean> {
    return (await this.sql.run('DELETE FROM slack_installations WHERE install_key = $1', [installationKey(query)])) === 1;
  }
}
