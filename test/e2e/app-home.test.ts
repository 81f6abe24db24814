/**
 * App Home end to end: the real bot (HTTP mode) receiving signed
 * `app_home_opened` events, Home tab buttons and the search modal's
 * submission, and publishing views to the Slack Web API stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSignedToBolt } from '../support/slack-signature.ts';
import { appHomeOpenedEventBody, slashCommandBody, viewBlockActionBody, viewSubmissionBody, type SlackRequestBody } from '../support/slack-payloads.ts';
import { HOME_SEARCH_ACTION, HOME_TEXT } from '../../src/slack/render/home.ts';
import { UNWATCH_ACTION } from '../../src/slack/render/watch.ts';
import { SEARCH_MODAL_CALLBACK, SEARCH_QUERY_ACTION, SEARCH_QUERY_BLOCK } from '../../src/slack/render/search-modal.ts';
import { TEST_SIGNING_SECRET, startTestBot, type TestBot } from './test-bot.ts';
import { until } from '../support/until.ts';

const WAIT_MS = 20_000;
let t: TestBot;
let seq = 0;

beforeAll(async () => {
  t = await startTestBot({ env: { ADMIN_USER_IDS: 'UADMIN' } });
});
afterAll(async () => {
  await t?.stop();
});

async function send(request: SlackRequestBody<unknown>): Promise<{ status: number; body: string }> {
  const response = await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body: request.body, contentType: request.contentType });
  expect(response.status).toBe(200);
  return response;
}

async function openHome(user: string): Promise<string> {
  const before = t.api.calls('views.publish').length;
  await send(appHomeOpenedEventBody({ eventId: `EvHome${++seq}`, user }));
  await until(() => t.api.calls('views.publish').length > before, WAIT_MS);
  const call = t.api.calls('views.publish').at(-1)!;
  expect(call.args.user_id).toBe(user);
  return JSON.stringify(call.args.view);
}

async function watch(query: string, channel: string, user: string): Promise<number> {
  const name = `home-cmd-${++seq}`;
  const { body, contentType } = slashCommandBody({ text: `watch ${query}`, channelId: channel, userId: user, responseUrl: t.api.responseUrl(name) });
  await postSignedToBolt(t.eventsUrl, { signingSecret: TEST_SIGNING_SECRET, body, contentType });
  return Number(/Watch #(\d+)/.exec(JSON.stringify((await t.api.waitForResponse(name, undefined, WAIT_MS)).body))?.[1]);
}

describe('App Home through the real bot', () => {
  it('shows an empty state to a non-admin, with no admin sections', async () => {
    const view = await openHome('U1');
    expect(view).toContain(HOME_TEXT.noWatches);
    expect(view).toContain(HOME_TEXT.noSubscriptions);
    expect(view).toMatch(/\*7\* articles/); // the fixture corpus
    expect(view).not.toContain('Feeds (admins)');
    expect(t.api.calls('users.info')).toHaveLength(0); // ADMIN_USER_IDS is set: no lookup
  });

  it("lists the user's watches and others', and the Stop button stops one and redraws the tab", async () => {
    const mine = await watch('sanctions', 'CHOME1', 'U1');
    const theirs = await watch('summit source:Reuters', 'CHOME2', 'U2');
    const view = await openHome('U1');
    expect(view).toContain('Your watches (1)');
    expect(view).toContain("Others' watches (1)");
    expect(view).toContain(`#${mine}`);
    expect(view).toContain(`#${theirs}`);
    const before = t.api.calls('views.publish').length;
    await send(viewBlockActionBody({ actionId: UNWATCH_ACTION, value: String(theirs), viewType: 'home' }));
    await until(() => t.api.calls('views.publish').length > before, WAIT_MS);
    expect(await t.bot.store.watches.getWatch(theirs)).toBeNull();
    expect(JSON.stringify(t.api.calls('views.publish').at(-1)!.args.view)).toContain("Others' watches (0)");
  });

  it('shows admins the feeds section from the feed store: none yet, then the feed added', async () => {
    expect(await openHome('UADMIN')).toContain(HOME_TEXT.noFeeds);
    await t.bot.store.feeds.addFeed({ url: 'http://127.0.0.1:9/home-feed.xml', addedBy: 'UADMIN', at: new Date() });
    const view = await openHome('UADMIN');
    expect(view).toContain('Feeds (admins)');
    expect(view).toContain('home-feed.xml');
    expect(view).not.toContain(HOME_TEXT.noFeeds);
  });

  it('shows admins the feedback summary: none yet, then the votes cast and the question marked wrong', async () => {
    expect(await openHome('UADMIN')).toContain('No votes on answers in the last 30 days.');
    const store = t.bot.store;
    const answer = await store.feedback.recordAnswer({
      kind: 'answer',
      question: 'who hosted the trilateral meeting?',
      articleId: null,
      sentence: null,
      articleIds: [],
      askedBy: 'U1',
      channelId: 'C1',
      at: new Date(),
    });
    await store.feedback.castVote(answer.id, 'U1', 'down', new Date());
    await store.feedback.castVote(answer.id, 'U2', 'up', new Date());
    const view = await openHome('UADMIN');
    expect(view).toContain('Feedback on answers (admins)');
    expect(view).toMatch(/2 votes, 50% helpful/);
    expect(view).toContain('who hosted the trilateral meeting?');
    // Not for everyone: a non-admin's tab has no feedback section.
    expect(await openHome('U1')).not.toContain('Feedback on answers (admins)');
  });

  it('opens the search modal and shows results in it', async () => {
    await send(viewBlockActionBody({ actionId: HOME_SEARCH_ACTION, value: 'home', viewType: 'home' }));
    const opened = await t.api.waitForCall('views.open', undefined, WAIT_MS);
    expect(opened.args.trigger_id).toBeDefined();
    const viewId = 'VMODAL1';
    const ack = await send(viewSubmissionBody({ callbackId: SEARCH_MODAL_CALLBACK, viewId, privateMetadata: '', values: { [SEARCH_QUERY_BLOCK]: { [SEARCH_QUERY_ACTION]: 'capacity-building' } } }));
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'update' });
    const update = await t.api.waitForCall('views.update', undefined, WAIT_MS);
    expect(update.args.view_id).toBe(viewId);
    expect(JSON.stringify(update.args.view)).toMatch(/Results for “capacity-building”/);
    // The stand-in stores the modal once it has answered the call.
    await until(() => /Results for/.test(JSON.stringify(t.api.modal(viewId))), WAIT_MS);
  });

  it('answers an unreadable query in the input instead of searching', async () => {
    const ack = await send(viewSubmissionBody({ callbackId: SEARCH_MODAL_CALLBACK, viewId: 'VMODAL1', privateMetadata: '', values: { [SEARCH_QUERY_BLOCK]: { [SEARCH_QUERY_ACTION]: 'after:nope' } } }));
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'errors', errors: { [SEARCH_QUERY_BLOCK]: expect.stringContaining("can't read the date") } });
  });
});
