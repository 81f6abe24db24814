/**
 * The message shortcut **Add to aigov** (callback id `add_to_corpus`,
 * declared in manifest.yml): adds every http(s) link of the message it is
 * used on and tells the user privately what happened to each. Acks at once;
 * the fetching runs after the ack, in the ingestion worker.
 * https://docs.slack.dev/interactivity/implementing-shortcuts
 */
import type { App, MessageShortcut } from '@slack/bolt';
import type { Logger } from '../../../logging/logger.ts';
import { MAX_LINKS_PER_REQUEST, type NewsDesk } from '../../../news/news-desk.ts';
import { extractHttpLinks } from '../../extract-links.ts';
import { section } from '../../render/blocks.ts';
import { NEWS_TEXT, renderLinkResults, workingText } from '../../render/news.ts';
import { tellPrivately } from '../../tell-privately.ts';

/** The shortcut's callback id, as declared in manifest.yml. */
export const ADD_TO_CORPUS_CALLBACK_ID = 'add_to_corpus';

/** Text of the message and of its attachments and link elements in rich-text blocks, where Slack also puts links. */
export function messageLinkText(message: MessageShortcut['message']): string {
  const parts: string[] = [message.text ?? ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (record.type === 'link' && typeof record.url === 'string') parts.push(record.url);
      Object.values(record).forEach(walk);
    }
  };
  walk((message as { blocks?: unknown }).blocks);
  for (const attachment of (message as { attachments?: Array<{ title_link?: unknown; from_url?: unknown }> }).attachments ?? []) {
    for (const url of [attachment.from_url, attachment.title_link]) if (typeof url === 'string') parts.push(url);
  }
  return parts.join(' ');
}

export function registerAddToCorpusShortcut(app: App, deps: { readonly desk: NewsDesk; readonly logger: Logger }): void {
  const log = deps.logger.child({ handler: 'add-to-corpus' });
  app.shortcut<MessageShortcut>({ callback_id: ADD_TO_CORPUS_CALLBACK_ID, type: 'message_action' }, async ({ shortcut, ack, client }) => {
    await ack();
    const userId = shortcut.user.id;
    const channelId = shortcut.channel.id;
    const links = extractHttpLinks(messageLinkText(shortcut.message));
    try {
      if (links.length === 0) {
        await tellPrivately(client, channelId, userId, { text: NEWS_TEXT.noLinksInMessage, blocks: [section(NEWS_TEXT.noLinksInMessage)] });
        return;
      }
      const taken = links.slice(0, MAX_LINKS_PER_REQUEST);
      const working = workingText(taken.length);
      await tellPrivately(client, channelId, userId, { text: working, blocks: [section(working)] });
      const results = await deps.desk.addLinks(taken, { kind: 'user', userId });
      const where = await tellPrivately(client, channelId, userId, renderLinkResults(results, links.length - taken.length));
      log.info({ links: taken.length, added: results.filter((r) => r.kind === 'added').length, where }, 'shortcut handled');
    } catch (err) {
      log.error({ err }, 'could not add the links of a message or tell the user');
    }
  });
}
