/**
 * Checks a rendered message against Slack's limits and our safety rules,
 * written independently of the renderers so that the tests do not grade the
 * code with its own arithmetic. Returns the problems found, in words.
 */
import type { SlackMessage } from '../../../src/slack/render/types.ts';

export interface CheckOptions {
  /** The one user id whose mention may appear (the validated `sharedBy`). */
  readonly allowedMention?: string;
}

interface TextObject {
  readonly type: string;
  readonly text: string;
  readonly verbatim?: boolean;
}

function isTextObject(node: unknown): node is TextObject {
  return (
    typeof node === 'object' &&
    node !== null &&
    typeof (node as TextObject).type === 'string' &&
    typeof (node as TextObject).text === 'string' &&
    ((node as TextObject).type === 'mrkdwn' || (node as TextObject).type === 'plain_text')
  );
}

/** Every text object in the blocks, at any depth. */
export function textObjects(blocks: readonly unknown[]): TextObject[] {
  const found: TextObject[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      if (isTextObject(node)) found.push(node);
      for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
    }
  };
  visit(blocks);
  return found;
}

/** Every button element in the blocks. */
export function buttons(blocks: readonly unknown[]): { text: { text: string }; value?: string; action_id?: string }[] {
  const found: { text: { text: string }; value?: string; action_id?: string }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      if ((node as { type?: unknown }).type === 'button') found.push(node as never);
      for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
    }
  };
  visit(blocks);
  return found;
}

/** All text and button values, as counted against the message budget. */
export function totalBlockText(blocks: readonly unknown[]): number {
  return (
    textObjects(blocks).reduce((n, t) => n + t.text.length, 0) + buttons(blocks).reduce((n, b) => n + (b.value?.length ?? 0), 0)
  );
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
/** Our link syntax: an http(s) URL with no spaces, brackets or pipes, and our fixed label. */
const LINK_TOKEN = /<(https?:\/\/[^\s<>|]+)\|open article>/g;

/** Problems with one piece of mrkdwn (a text object or the fallback). */
export function mrkdwnProblems(text: string, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  if (LONE_SURROGATE.test(text)) problems.push(`lone surrogate in ${JSON.stringify(text.slice(0, 60))}`);
  if (CONTROL_EXCEPT_NEWLINE.test(text)) problems.push(`control character in ${JSON.stringify(text.slice(0, 60))}`);
  if (/<[!#]/.test(text)) problems.push(`special mention or channel syntax in ${JSON.stringify(text.slice(0, 200))}`);

  let rest = text;
  if (options.allowedMention !== undefined) rest = rest.split(`<@${options.allowedMention}>`).join('');
  rest = rest.replace(LINK_TOKEN, (_token, href: string) => {
    try {
      const url = new URL(href.replace(/&amp;/g, '&'));
      if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push(`link to ${href}`);
    } catch {
      problems.push(`link to an unparseable URL ${href}`);
    }
    return '';
  });
  // Quote markers that we write at the start of a line.
  rest = rest.replace(/^> /gm, '');
  if (/[<>]/.test(rest)) problems.push(`unescaped < or > (live mention or link syntax) in ${JSON.stringify(rest.slice(0, 200))}`);
  if (/&(?!amp;|lt;|gt;)/.test(rest)) problems.push(`unescaped & in ${JSON.stringify(rest.slice(0, 200))}`);
  return problems;
}

/** Limits and safety rules for a whole message. */
export function messageProblems(message: SlackMessage, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const { blocks, text } = message;
  if (blocks.length < 1 || blocks.length > 50) problems.push(`${blocks.length} blocks`);
  if (text.length < 1 || text.length > 300) problems.push(`fallback text of ${text.length} characters`);
  problems.push(...mrkdwnProblems(text).map((p) => `fallback: ${p}`));
  for (const object of textObjects(blocks)) {
    if (object.text.length < 1 || object.text.length > 3000) problems.push(`text object of ${object.text.length} characters`);
    if (object.type === 'mrkdwn') {
      problems.push(...mrkdwnProblems(object.text, options));
      // Without verbatim, Slack turns bare URLs and #channel names into links by itself.
      if (object.verbatim !== true) problems.push(`mrkdwn without verbatim: ${JSON.stringify(object.text.slice(0, 60))}`);
    }
  }
  for (const block of blocks) {
    if (block.type === 'context' && (block.elements.length < 1 || block.elements.length > 10)) {
      problems.push(`context block with ${block.elements.length} elements`);
    }
    if (block.type === 'actions' && (block.elements.length < 1 || block.elements.length > 25)) {
      problems.push(`actions block with ${block.elements.length} elements`);
    }
  }
  for (const b of buttons(blocks)) {
    if (b.text.text.length < 1 || b.text.text.length > 75) problems.push(`button label of ${b.text.text.length} characters`);
    if ((b.value?.length ?? 0) > 2000) problems.push(`button value of ${b.value?.length} characters`);
    if ((b.action_id?.length ?? 0) > 255) problems.push(`action_id of ${b.action_id?.length} characters`);
  }
  const total = totalBlockText(blocks);
  if (total > 11_000) problems.push(`${total} characters of block text`);
  const json = JSON.stringify(message);
  if (JSON.stringify(JSON.parse(json)) !== json) problems.push('JSON does not round-trip');
  return problems;
}

/** What a view may carry besides plain escaped text: mentions of these users and references to these channels. */
export interface ViewCheckOptions {
  readonly mentions?: readonly string[];
  readonly channels?: readonly string[];
}

/** Limits and safety rules for a view (Home tab, modal): 100 blocks, header text, and every message rule per text object. */
export function viewProblems(view: { type: string; blocks: readonly { type: string; elements?: unknown[] }[] }, options: ViewCheckOptions = {}, textBudget = 30_000): string[] {
  const problems: string[] = [];
  const { blocks } = view;
  if (blocks.length < 1 || blocks.length > 100) problems.push(`${blocks.length} blocks in a view`);
  for (const object of textObjects(blocks)) {
    if (object.text.length < 1 || object.text.length > 3000) problems.push(`text object of ${object.text.length} characters`);
    if (object.type === 'mrkdwn') {
      let text = object.text;
      for (const user of options.mentions ?? []) text = text.split(`<@${user}>`).join('');
      for (const channel of options.channels ?? []) text = text.split(`<#${channel}>`).join('');
      problems.push(...mrkdwnProblems(text));
      if (object.verbatim !== true) problems.push(`mrkdwn without verbatim: ${JSON.stringify(object.text.slice(0, 60))}`);
    }
  }
  for (const block of blocks) {
    if (block.type === 'header') {
      const text = (block as unknown as { text: { type: string; text: string } }).text;
      if (text.type !== 'plain_text' || text.text.length < 1 || text.text.length > 150) problems.push(`header of ${text.text.length} characters`);
    }
    if (block.type === 'context' && ((block.elements?.length ?? 0) < 1 || (block.elements?.length ?? 0) > 10)) problems.push('context block size');
    if (block.type === 'actions' && ((block.elements?.length ?? 0) < 1 || (block.elements?.length ?? 0) > 25)) problems.push('actions block size');
  }
  for (const b of buttons(blocks)) {
    if (b.text.text.length < 1 || b.text.text.length > 75) problems.push(`button label of ${b.text.text.length} characters`);
    if ((b.value?.length ?? 0) > 2000) problems.push(`button value of ${b.value?.length} characters`);
  }
  const total = totalBlockText(blocks);
  if (total > textBudget) problems.push(`${total} characters of block text in a view`);
  const json = JSON.stringify(view);
  if (JSON.stringify(JSON.parse(json)) !== json) problems.push('JSON does not round-trip');
  return problems;
}
