/**
 * Builders for the requests Slack sends to an app, shaped as Slack documents
 * them, so end-to-end tests feed the real Bolt app what Slack would.
 *
 * Each builder returns the same request in the two forms a test needs:
 * `body` + `contentType` for HTTP mode (sign it with `signSlackRequest`), and
 * `payload` for Socket Mode, whose envelopes carry the same fields as a
 * parsed object.
 *
 * Field lists:
 * - slash commands: https://docs.slack.dev/interactivity/implementing-slash-commands
 *   (and bolt-js `SlashCommand`, src/types/command/index.ts)
 * - app_mention: https://docs.slack.dev/reference/events/app_mention
 * - block_actions: https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 *   (and bolt-js `BlockAction`, src/types/actions/block-action.ts)
 */

/** Identities shared by the builders and the Web API stand-in's `auth.test`. */
export const TEST_TEAM_ID = 'T1';
export const TEST_TEAM_DOMAIN = 'aigov-test';
export const TEST_APP_ID = 'A1';
export const TEST_BOT_USER_ID = 'UBOT';
export const TEST_BOT_ID = 'BBOT';
/** The deprecated verification token Slack still sends; Bolt ignores it. */
export const TEST_VERIFICATION_TOKEN = 'verification-token-unused';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** One request from Slack, in both the HTTP and the Socket Mode form. */
export interface SlackRequestBody<P> {
  /** The raw HTTP body, exactly as it is signed and sent. */
  readonly body: string;
  readonly contentType: string;
  /** The same request as Socket Mode puts it in an envelope's `payload`. */
  readonly payload: P;
}

let sequence = 0;

/** A message timestamp (`seconds.micros`) that is unique and increasing within this process. */
export function nextMessageTs(): string {
  sequence += 1;
  const seconds = Math.floor(Date.now() / 1000);
  return `${seconds}.${String(sequence).padStart(6, '0')}`;
}

/** A trigger_id in Slack's shape (`digits.digits.hex`); the bot opens modals with it (views.open): the search modal, the 👎 form. */
function triggerId(): string {
  sequence += 1;
  return `${Date.now()}.${sequence}.${sequence.toString(16).padStart(32, '0')}`;
}

/** The form fields of a slash command, all strings, as Slack sends them. */
export interface SlashCommandPayload {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
}

export interface SlashCommandOptions {
  /** What the user typed after the command, e.g. `search ai act`. */
  text: string;
  /** Where Slack would accept delayed responses: use `SlackApiStandIn.responseUrl()`. */
  responseUrl: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  command?: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
}

/** A `/aigov` slash command, form-encoded as Slack posts it. */
export function slashCommandBody(options: SlashCommandOptions): SlackRequestBody<SlashCommandPayload> {
  // Field order follows Slack's documented sample; Bolt does not care, a reader might.
  const payload: SlashCommandPayload = {
    token: TEST_VERIFICATION_TOKEN,
    team_id: options.teamId ?? TEST_TEAM_ID,
    team_domain: options.teamDomain ?? TEST_TEAM_DOMAIN,
    channel_id: options.channelId ?? 'C1',
    channel_name: options.channelName ?? 'general',
    user_id: options.userId ?? 'U1',
    user_name: options.userName ?? 'ada',
    command: options.command ?? '/aigov',
    text: options.text,
    api_app_id: options.apiAppId ?? TEST_APP_ID,
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: triggerId(),
  };
  return { body: new URLSearchParams({ ...payload }).toString(), contentType: FORM, payload };
}

export interface AppMentionEvent {
  type: 'app_mention';
  user: string;
  text: string;
  ts: string;
  channel: string;
  event_ts: string;
  team: string;
  thread_ts?: string;
}

export interface EventCallbackPayload<E> {
  token: string;
  team_id: string;
  api_app_id: string;
  event: E;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: Array<{
    enterprise_id: string | null;
    team_id: string;
    user_id: string;
    is_bot: boolean;
    is_enterprise_install: boolean;
  }>;
  is_ext_shared_channel: boolean;
  event_context: string;
}

export interface AppMentionOptions {
  /** Unique per event; Slack re-sends the same id on retries. */
  eventId: string;
  /** The message as Slack renders it, mention included, e.g. `<@UBOT> who regulates AI?`. */
  text: string;
  user?: string;
  channel?: string;
  /** Defaults to a fresh unique timestamp. */
  ts?: string;
  /** Set when the mention is a reply inside a thread. */
  threadTs?: string;
  teamId?: string;
  apiAppId?: string;
  /** Seconds since the epoch; defaults to now. */
  eventTime?: number;
}

/** An Events API `event_callback` carrying an `app_mention`, as JSON. */
export function appMentionEventBody(options: AppMentionOptions): SlackRequestBody<EventCallbackPayload<AppMentionEvent>> {
  const teamId = options.teamId ?? TEST_TEAM_ID;
  const ts = options.ts ?? nextMessageTs();
  const event: AppMentionEvent = {
    type: 'app_mention',
    user: options.user ?? 'U1',
    text: options.text,
    ts,
    channel: options.channel ?? 'C1',
    // For message-like events the event_ts is the message ts.
    event_ts: ts,
    team: teamId,
    ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
  };
  const payload: EventCallbackPayload<AppMentionEvent> = {
    token: TEST_VERIFICATION_TOKEN,
    team_id: teamId,
    api_app_id: options.apiAppId ?? TEST_APP_ID,
    event,
    type: 'event_callback',
    event_id: options.eventId,
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    // Since 2021 Slack sends one authorization: the installation that sees the event.
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: TEST_BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(options.eventId).toString('base64url')}`,
  };
  return { body: JSON.stringify(payload), contentType: JSON_TYPE, payload };
}

export interface ButtonAction {
  type: 'button';
  action_id: string;
  block_id: string;
  text: { type: 'plain_text'; text: string; emoji: boolean };
  value: string;
  action_ts: string;
}

export interface MessageContainer {
  type: 'message';
  message_ts: string;
  channel_id: string;
  is_ephemeral: boolean;
  thread_ts?: string;
}

export interface BlockActionsPayload {
  type: 'block_actions';
  user: { id: string; username: string; name: string; team_id: string };
  api_app_id: string;
  token: string;
  container: MessageContainer;
  trigger_id: string;
  team: { id: string; domain: string };
  enterprise: null;
  is_enterprise_install: boolean;
  channel: { id: string; name: string };
  /** Absent when the button was in an ephemeral message: Slack does not echo those back. */
  message?: { type: 'message'; ts: string; text: string; user: string; bot_id: string; blocks: unknown[] };
  state: { values: Record<string, unknown> };
  response_url: string;
  actions: ButtonAction[];
}

export interface BlockActionOptions {
  actionId: string;
  /** The button's `value`, e.g. an encoded page cursor. */
  value: string;
  /** Where Slack would accept responses: use `SlackApiStandIn.responseUrl()`. */
  responseUrl: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  blockId?: string;
  /** The button label. */
  buttonText?: string;
  /** The message holding the button; defaults to a fresh ts and a non-ephemeral message. */
  container?: Partial<Omit<MessageContainer, 'type'>>;
  /** The blocks of the message holding the button, echoed back by Slack in `message.blocks`. */
  messageBlocks?: unknown[];
  teamId?: string;
  apiAppId?: string;
}

/** A button click: a `block_actions` payload, form-encoded as `payload=<json>` as Slack posts it. */
export function blockActionBody(options: BlockActionOptions): SlackRequestBody<BlockActionsPayload> {
  const teamId = options.teamId ?? TEST_TEAM_ID;
  const channelId = options.container?.channel_id ?? options.channelId ?? 'C1';
  const container: MessageContainer = {
    type: 'message',
    message_ts: options.container?.message_ts ?? nextMessageTs(),
    channel_id: channelId,
    is_ephemeral: options.container?.is_ephemeral ?? false,
    ...(options.container?.thread_ts === undefined ? {} : { thread_ts: options.container.thread_ts }),
  };
  const userName = options.userName ?? 'ada';
  const payload: BlockActionsPayload = {
    type: 'block_actions',
    user: { id: options.userId ?? 'U1', username: userName, name: userName, team_id: teamId },
    api_app_id: options.apiAppId ?? TEST_APP_ID,
    token: TEST_VERIFICATION_TOKEN,
    container,
    trigger_id: triggerId(),
    team: { id: teamId, domain: TEST_TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: options.channelName ?? 'general' },
    ...(container.is_ephemeral
      ? {}
      : {
          message: {
            type: 'message' as const,
            ts: container.message_ts,
            text: 'aigov results',
            user: TEST_BOT_USER_ID,
            bot_id: TEST_BOT_ID,
            blocks: options.messageBlocks ?? [],
          },
        }),
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: options.blockId ?? 'aigov_actions',
        text: { type: 'plain_text', text: options.buttonText ?? 'More', emoji: true },
        value: options.value,
        action_ts: nextMessageTs(),
      },
    ],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM, payload };
}

/** A message shortcut's payload (`message_action`), as Slack posts it when someone picks the shortcut on a message. */
export interface MessageShortcutPayload {
  type: 'message_action';
  token: string;
  action_ts: string;
  team: { id: string; domain: string };
  user: { id: string; username: string; name: string; team_id: string };
  channel: { id: string; name: string };
  is_enterprise_install: boolean;
  enterprise: null;
  callback_id: string;
  trigger_id: string;
  response_url: string;
  message_ts: string;
  message: { type: 'message'; user: string; ts: string; text: string; blocks?: unknown[] };
}

export interface MessageShortcutOptions {
  callbackId: string;
  /** The message's text as Slack stores it: links wrapped as `<https://…|label>`. */
  messageText: string;
  messageBlocks?: unknown[];
  /** Where Slack would accept responses: use `SlackApiStandIn.responseUrl()`. */
  responseUrl: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
}

/**
 * A message shortcut, form-encoded as `payload=<json>` as Slack posts it.
 * https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload
 */
export function messageShortcutBody(options: MessageShortcutOptions): SlackRequestBody<MessageShortcutPayload> {
  const teamId = options.teamId ?? TEST_TEAM_ID;
  const userName = options.userName ?? 'ada';
  const messageTs = nextMessageTs();
  const payload: MessageShortcutPayload = {
    type: 'message_action',
    token: TEST_VERIFICATION_TOKEN,
    action_ts: nextMessageTs(),
    team: { id: teamId, domain: TEST_TEAM_DOMAIN },
    user: { id: options.userId ?? 'U1', username: userName, name: userName, team_id: teamId },
    channel: { id: options.channelId ?? 'C1', name: options.channelName ?? 'general' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: options.callbackId,
    trigger_id: triggerId(),
    response_url: options.responseUrl,
    message_ts: messageTs,
    message: {
      type: 'message',
      user: 'U2',
      ts: messageTs,
      text: options.messageText,
      ...(options.messageBlocks === undefined ? {} : { blocks: options.messageBlocks }),
    },
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM, payload };
}

/** An `event_callback` carrying `app_home_opened` (the user opened the app's Home or Messages tab), as JSON. */
export function appHomeOpenedEventBody(options: { eventId: string; user?: string; tab?: 'home' | 'messages' }): SlackRequestBody<EventCallbackPayload<Record<string, unknown>>> {
  const event = { type: 'app_home_opened', user: options.user ?? 'U1', channel: 'DHOME', tab: options.tab ?? 'home', event_ts: nextMessageTs() };
  const payload: EventCallbackPayload<Record<string, unknown>> = {
    token: TEST_VERIFICATION_TOKEN,
    team_id: TEST_TEAM_ID,
    api_app_id: TEST_APP_ID,
    event,
    type: 'event_callback',
    event_id: options.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEST_TEAM_ID, user_id: TEST_BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(options.eventId).toString('base64url')}`,
  };
  return { body: JSON.stringify(payload), contentType: JSON_TYPE, payload };
}

/** A `block_actions` payload for a button clicked in a view (the Home tab or a modal): no channel, no response_url. */
export function viewBlockActionBody(options: { actionId: string; value: string; viewType: 'home' | 'modal'; viewId?: string; userId?: string }): SlackRequestBody<Record<string, unknown>> {
  const payload = {
    type: 'block_actions',
    user: { id: options.userId ?? 'U1', username: 'ada', name: 'ada', team_id: TEST_TEAM_ID },
    api_app_id: TEST_APP_ID,
    token: TEST_VERIFICATION_TOKEN,
    container: { type: 'view', view_id: options.viewId ?? 'VHOME1' },
    trigger_id: triggerId(),
    team: { id: TEST_TEAM_ID, domain: TEST_TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: options.viewId ?? 'VHOME1', type: options.viewType, team_id: TEST_TEAM_ID, blocks: [], state: { values: {} }, hash: 'h1' },
    actions: [{ type: 'button', action_id: options.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value: options.value, action_ts: nextMessageTs() }],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM, payload };
}

/**
 * A modal submitted: a `view_submission` payload, form-encoded as
 * `payload=<json>` as Slack posts it.
 * @see https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission
 */
export interface ViewSubmissionPayload {
  type: 'view_submission';
  team: { id: string; domain: string };
  user: { id: string; username: string; name: string; team_id: string };
  api_app_id: string;
  token: string;
  trigger_id: string;
  view: {
    id: string;
    team_id: string;
    type: 'modal';
    blocks: unknown[];
    private_metadata: string;
    callback_id: string;
    state: { values: Record<string, Record<string, { type: string; value: string | null }>> };
    hash: string;
    title: { type: 'plain_text'; text: string; emoji: boolean };
    clear_on_close: boolean;
    notify_on_close: boolean;
    close: null;
    submit: null;
    previous_view_id: null;
    root_view_id: string;
    app_id: string;
    external_id: string;
    app_installed_team_id: string;
    bot_id: string;
  };
  response_urls: unknown[];
  is_enterprise_install: boolean;
  enterprise: null;
}

export interface ViewSubmissionOptions {
  callbackId: string;
  /** The view's `private_metadata`, as the app set it in `views.open`. */
  privateMetadata: string;
  /** Input values by block id, then action id (plain-text inputs). */
  values: Record<string, Record<string, string | null>>;
  /** The view's blocks, as the app sent them (Slack echoes them back). */
  blocks?: unknown[];
  title?: string;
  /** The view's id, when the test needs to know it (e.g. to follow a views.update); default a fresh one. */
  viewId?: string;
  userId?: string;
  userName?: string;
  teamId?: string;
  apiAppId?: string;
}

/** A modal's submit button pressed: `view_submission`, form-encoded. */
export function viewSubmissionBody(options: ViewSubmissionOptions): SlackRequestBody<ViewSubmissionPayload> {
  const teamId = options.teamId ?? TEST_TEAM_ID;
  const userName = options.userName ?? 'ada';
  sequence += 1;
  const viewId = options.viewId ?? `V${String(sequence).padStart(9, '0')}`;
  const values: ViewSubmissionPayload['view']['state']['values'] = {};
  for (const [blockId, actions] of Object.entries(options.values)) {
    values[blockId] = Object.fromEntries(Object.entries(actions).map(([actionId, value]) => [actionId, { type: 'plain_text_input', value }]));
  }
  const payload: ViewSubmissionPayload = {
    type: 'view_submission',
    team: { id: teamId, domain: TEST_TEAM_DOMAIN },
    user: { id: options.userId ?? 'U1', username: userName, name: userName, team_id: teamId },
    api_app_id: options.apiAppId ?? TEST_APP_ID,
    token: TEST_VERIFICATION_TOKEN,
    trigger_id: triggerId(),
    view: {
      id: viewId,
      team_id: teamId,
      type: 'modal',
      blocks: options.blocks ?? [],
      private_metadata: options.privateMetadata,
      callback_id: options.callbackId,
      state: { values },
      hash: `${Date.now()}.${sequence.toString(16)}`,
      title: { type: 'plain_text', text: options.title ?? 'Form', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      root_view_id: viewId,
      app_id: options.apiAppId ?? TEST_APP_ID,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: TEST_BOT_ID,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM, payload };
}
