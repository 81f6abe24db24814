/**
 * The help message for `/aigov` (shown for `/aigov help`, an empty command or
 * one that is not understood).
 */
import { section } from './blocks.ts';
import { escapeMrkdwn } from './escape.ts';
import type { SlackMessage } from './types.ts';

/** Heads the help message; also its fallback text. */
export const USAGE_TITLE = 'How to use /aigov';

/** One example command and what it does. */
export interface UsageExample {
  /** What the user types, e.g. `/aigov search capacity-building`. */
  readonly command: string;
  readonly description: string;
}

/** Searching. */
export const SEARCH_EXAMPLES: readonly UsageExample[] = [
  { command: '/aigov search capacity-building', description: 'articles about capacity building, best match first' },
  { command: '/aigov search sanctions after:2024-01-01', description: 'only articles dated on or after 1 January 2024 (`before:` works too)' },
  { command: '/aigov search source:"Global Times" AI', description: 'only articles whose source contains "Global Times"' },
  { command: '/aigov help', description: 'this message' },
];

/** Daily digests of new articles in a channel. */
export const DIGEST_EXAMPLES: readonly UsageExample[] = [
  { command: '/aigov digest subscribe 09:00 Europe/Brussels', description: 'post a digest in this channel every day at 09:00 Brussels time' },
  { command: '/aigov digest status', description: "show this channel's digest subscription" },
  { command: '/aigov digest unsubscribe', description: 'stop the digest in this channel' },
  { command: '/aigov digest now', description: 'post a digest here now' },
];

/** Adding news: links (anyone), feeds and removals (admins). */
export const NEWS_EXAMPLES: readonly UsageExample[] = [
  { command: '/aigov add https://example.org/news/ai-treaty', description: 'add that article to the corpus (several links are fine); or use the message shortcut *Add to aigov*' },
  { command: '/aigov feeds add https://example.org/feed.xml', description: 'poll an RSS, Atom or JSON feed for new articles (admins)' },
  { command: '/aigov feeds list', description: 'the feeds, what each brought and when it is polled next (admins; also `remove <url or number>`, `refresh`)' },
  { command: '/aigov remove https://example.org/news/ai-treaty', description: 'take an article out of the corpus for good (admins)' },
];

/** Watches: new matching articles posted in the channel (or DM) as they arrive. */
export const WATCH_EXAMPLES: readonly UsageExample[] = [
  { command: '/aigov watch sanctions source:Reuters', description: 'post every new article matching this search here as it arrives' },
  { command: '/aigov watch list', description: "this conversation's watches, numbered, with who made each and when it last fired" },
  { command: '/aigov unwatch 3', description: 'stop watch number 3' },
  { command: '/aigov watch resume', description: "resume this conversation's paused watches" },
];

/** The @-mention form: ask a question in words. */
export const MENTION_EXAMPLE: UsageExample = {
  command: '@aigov When did the Council of Europe adopt its AI convention?',
  description: 'mention me with a question and I quote the sentence in the corpus that answers it, with its source and date',
};

/** One example as a bullet line of mrkdwn. */
export function exampleLine(example: UsageExample): string {
  return `• \`${escapeMrkdwn(example.command)}\` ${escapeMrkdwn(example.description)}`;
}

/** A topic's timeline of dated events. */
export const TIMELINE_EXAMPLES: readonly UsageExample[] = [
  { command: '/aigov timeline capacity-building', description: 'the dated events of the matching articles, oldest first' },
  { command: '/aigov timeline AI talks after:2024-01 source:Reuters', description: 'filters apply to the event dates (and `source:` to the articles)' },
];

/** Usage for `/aigov`: search (with filters), digests, and the @-mention form, each with examples. */
export function renderUsage(): SlackMessage {
  return {
    text: USAGE_TITLE,
    blocks: [
      section(`*${USAGE_TITLE}*`),
      section(['*Search the articles*', ...SEARCH_EXAMPLES.map(exampleLine)].join('\n')),
      section(['*Timeline of a topic*', ...TIMELINE_EXAMPLES.map(exampleLine)].join('\n')),
      section(['*Daily digest*', ...DIGEST_EXAMPLES.map(exampleLine)].join('\n')),
      section(['*Add news*', ...NEWS_EXAMPLES.map(exampleLine)].join('\n')),
      section(['*Watches*', ...WATCH_EXAMPLES.map(exampleLine)].join('\n')),
      section(['*Ask a question*', exampleLine(MENTION_EXAMPLE)].join('\n')),
    ],
  };
}
