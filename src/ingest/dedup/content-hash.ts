/**
 * One story under two URLs (a feed's tracking link and the page, a syndicated
 * copy) has the same words. The hash is taken over the text folded the way
 * search folds words, so white space, case, accents and punctuation do not
 * make two copies differ.
 */
import { createHash } from 'node:crypto';
import { foldWord, splitWords } from '../../core/text.ts';

export function contentHash(paragraphs: readonly string[]): string {
  const words = splitWords(paragraphs.join(' ')).map(foldWord);
  return createHash('sha256').update(words.join(' ')).digest('hex');
}
