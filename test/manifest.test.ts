import { ADD_TO_CORPUS_CALLBACK_ID } from '../src/slack/listeners/shortcuts/add-to-corpus.ts';
import { Ajv, type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const manifestText = readFileSync(`${repoRoot}manifest.yml`, 'utf8');
// The repo keeps its own copy of Slack's schema; shared/ sits beside the repo in CI but not for everyone.
const schemaPath = `${repoRoot}test/fixtures/slack-manifest.schema.json`;
const sharedSchemaPath = `${repoRoot}../shared/slack/manifest.schema.1.0.0.json`;

/** The bot scopes the code uses, and no more. */
const EXPECTED_BOT_SCOPES = ['app_mentions:read', 'channels:join', 'chat:write', 'commands', 'users:read'];
const HTTP_URL = 'https://<host>/slack/events';

interface Manifest {
  display_information: { name: string; description?: string };
  features: {
    app_home?: Record<string, boolean>;
    bot_user: { display_name: string; always_online?: boolean };
    slash_commands: Array<{ command: string; url?: string; usage_hint?: string; should_escape?: boolean }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[]; user_events?: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

describe('manifest.yml', () => {
  let validate: ValidateFunction;
  const manifest = parse(manifestText) as Manifest;

  beforeAll(() => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    // The schema is draft-07 (Ajv's default) and uses Slack's own keywords (`requires`, `regex`), hence strict: false;
    // its one format (`uri`, on `$schema`) is not used by our manifest.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    validate = ajv.compile(schema);
  });

  it("is valid against Slack's manifest schema", () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked for real: the schema refuses a broken manifest', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0]!.command = 'aigov';
    (broken.settings as unknown as Record<string, unknown>).socket_mode = true;
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/features/slash_commands/0/command', '/settings']),
    );
  });

  it('declares the /aigov command, unescaped, with its usage hint', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: '/aigov',
      usage_hint: 'search <terms> | timeline <topic> | add <url> | feeds … | digest … | help',
      should_escape: false,
    });
  });

  it('names the app and its bot user aigov', () => {
    expect(manifest.display_information.name).toBe('aigov');
    expect(manifest.features.bot_user).toEqual({ display_name: 'aigov', always_online: true });
  });

  it('subscribes to app_mention and app_home_opened only, enables interactivity and the Home tab, and runs in Socket Mode', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'app_home_opened']);
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.settings.event_subscriptions.user_events).toBeUndefined();
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: true, org_deploy_enabled: false, token_rotation_enabled: false });
  });

  it('declares the Add to aigov message shortcut under the callback id the app listens for', () => {
    const shortcuts = (manifest.features as unknown as { shortcuts?: unknown[] }).shortcuts;
    expect(shortcuts).toEqual([
      {
        name: 'Add to aigov',
        type: 'message',
        callback_id: ADD_TO_CORPUS_CALLBACK_ID,
        description: 'Add the links in this message to the aigov corpus',
      },
    ]);
  });

  it('asks for exactly the bot scopes the code uses, and no user scopes', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(new Set(scopes).size).toBe(scopes.length);
    expect([...scopes].sort()).toEqual(EXPECTED_BOT_SCOPES);
    expect(scopes).not.toContain('chat:write.public');
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('becomes a valid HTTP-mode manifest by uncommenting its request URLs and turning Socket Mode off', () => {
    const httpText = manifestText
      .replace(/^(\s*)# (url|request_url): (\S+)$/gm, '$1$2: $3')
      .replace('socket_mode_enabled: true', 'socket_mode_enabled: false');
    const http = parse(httpText) as Manifest;
    expect(validate(http)).toBe(true);
    expect(http.features.slash_commands[0]?.url).toBe(HTTP_URL);
    expect(http.settings.event_subscriptions.request_url).toBe(HTTP_URL);
    expect(http.settings.interactivity.request_url).toBe(HTTP_URL);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });
});

describe('test/fixtures/slack-manifest.schema.json', () => {
  it.skipIf(!existsSync(sharedSchemaPath))("is an unchanged copy of shared/'s schema", () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(readFileSync(sharedSchemaPath, 'utf8'));
  });
});
