/**
 * Installations of the app by OAuth, one per workspace (or per Enterprise
 * Grid organisation for an org-wide install), as a port. The model is
 * python-slack-sdk's installation store (team, enterprise, bot token, bot id
 * and user, scopes, installer, installed at); the bot token is kept
 * encrypted (token-cipher.ts) and only the engine's caller sees it in clear.
 * https://docs.slack.dev/authentication/installing-with-oauth
 */
import type { TokenCipher } from './token-cipher.ts';

export interface Installation {
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly enterpriseId: string | null;
  readonly enterpriseName: string | null;
  /** An org-wide install: it serves every workspace of `enterpriseId`. */
  readonly isEnterpriseInstall: boolean;
  readonly appId: string | null;
  readonly botToken: string;
  readonly botId: string | null;
  readonly botUserId: string | null;
  readonly botScopes: readonly string[];
  /** Who installed it. */
  readonly installerUserId: string | null;
  readonly installedAt: Date;
}

/** Which installation serves a request: its workspace, or its organisation when installed org-wide. */
export interface InstallationQuery {
  readonly teamId: string | null;
  readonly enterpriseId: string | null;
  readonly isEnterpriseInstall: boolean;
}

/** An installation as the engines store it: the bot token sealed (token-cipher.ts), never in clear. */
export type SealedInstallation = Omit<Installation, 'botToken'> & { readonly sealedBotToken: string };

/** The engines' side: installations with sealed tokens. {@link withTokenCipher} gives the store the rest of the bot uses. */
export interface InstallationRecords {
  saveInstallation(installation: SealedInstallation): Promise<void>;
  findInstallation(query: InstallationQuery): Promise<SealedInstallation | null>;
  deleteInstallation(query: InstallationQuery): Promise<boolean>;
}

export interface InstallationStore {
  /** Stores or replaces the installation of its workspace (or organisation). */
  saveInstallation(installation: Installation): Promise<void>;
  /** The installation that serves `query`, or null. An org-wide install serves every team of its enterprise. */
  findInstallation(query: InstallationQuery): Promise<Installation | null>;
  /** Deletes the installation of a workspace (or organisation); true when there was one. */
  deleteInstallation(query: InstallationQuery): Promise<boolean>;
}

/** The one key an installation is stored under: its organisation when org-wide, else its workspace. */
export function installationKey(query: InstallationQuery): string {
  if (query.isEnterpriseInstall) {
    if (query.enterpriseId === null) throw new Error('store: an org-wide installation needs its enterprise id');
    return `E:${query.enterpriseId}`;
  }
  if (query.teamId === null) throw new Error('store: an installation needs its team id');
  return `T:${query.teamId}`;
}

/** Installations with their tokens sealed on the way in and opened on the way out. */
export function withTokenCipher(records: InstallationRecords, cipher: Pick<TokenCipher, 'encrypt' | 'decrypt'>): InstallationStore {
  return {
    async saveInstallation({ botToken, ...rest }) {
      await records.saveInstallation({ ...rest, sealedBotToken: cipher.encrypt(botToken) });
    },
    async findInstallation(query) {
      const found = await records.findInstallation(query);
      if (found === null) return null;
      const { sealedBotToken, ...rest } = found;
      return { ...rest, botToken: cipher.decrypt(sealedBotToken) };
    },
    deleteInstallation: (query) => records.deleteInstallation(query),
  };
}
