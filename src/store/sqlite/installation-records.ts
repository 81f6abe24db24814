/** Installations (sealed tokens) on the embedded SQLite file. */
import type Database from 'better-sqlite3';
import { installationKey, type InstallationQuery, type InstallationRecords, type SealedInstallation } from '../installation-store.ts';
import { installationLookupKeys, toInstallationRow, toSealedInstallation, type InstallationRow } from '../rows.ts';

export class SqliteInstallationRecords implements InstallationRecords {
  readonly #sql;

  constructor(db: Database.Database) {
    this.#sql = {
      upsert: db.prepare<[InstallationRow]>(
        `INSERT OR REPLACE INTO slack_installations (install_key, team_id, team_name, enterprise_id, enterprise_name, is_enterprise_install,
           app_id, bot_token_sealed, bot_id, bot_user_id, bot_scopes, installer_user_id, installed_at)
         VALUES (@install_key, @team_id, @team_name, @enterprise_id, @enterprise_name, @is_enterprise_install,
           @app_id, @bot_token_sealed, @bot_id, @bot_user_id, @bot_scopes, @installer_user_id, @installed_at)`,
      ),
      byKey: db.prepare<[string], InstallationRow>('SELECT * FROM slack_installations WHERE install_key = ?'),
      delete: db.prepare<[string]>('DELETE FROM slack_installations WHERE install_key = ?'),
    };
  }

  async saveInstallation(installation: SealedInstallation): Promise<void> {
    this.#sql.upsert.run(toInstallationRow(installation));
  }

  async findInstallation(query: InstallationQuery): Promise<SealedInstallation | null> {
    for (const key of installationLookupKeys(query)) {
      const row = this.#sql.byKey.get(key);
      if (row !== undefined) return toSealedInstallation(row);
    }
    return null;
  }

  async deleteInstallation(query: InstallationQuery): Promise<boolean> {
    return this.#sql.delete.run(installationKey(query)).changes === 1;
  }
}
