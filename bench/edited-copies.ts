/**
 * Re-publications made by hand from an article: what an outlet does to a wire
 * text (a changed word here and there, a paragraph cut, its own standfirst or
 * credit line added, the lead rephrased). Used to measure the near-duplicate
 * threshold (bench --near-dups) and, with the same edits, in the tests.
 */
import { seededRandom } from './generate-corpus.ts';

/** One way of editing a text. */
export interface Edit {
  readonly name: string;
  apply(text: string, random: () => number): string;
}

const FILLER = ['reportedly', 'also', 'on Monday', 'officials said', 'the ministry', 'newly', 'further', 'according to sources'];

/** Replaces (or, one time in three, drops) `share` of the words. */
function changeWords(share: number): Edit {
  return {
    name: `${Math.round(share * 100)}% of words changed`,
    apply(text, random) {
      return text
        .split(/(\s+)/)
        .map((part) => {
          if (/^\s+$/.test(part) || part.length === 0 || random() >= share) return part;
          return random() < 1 / 3 ? '' : (FILLER[Math.floor(random() * FILLER.length)] as string);
        })
        .join('');
    },
  };
}

const paragraphs = (text: string): string[] => text.split(/\n\s*\n/).filter((p) => p.trim().length > 0);

/** Cuts the last paragraph (outlets shorten wire texts from the end). */
const cutLastParagraph: Edit = {
  name: 'last paragraph cut',
  apply: (text) => {
    const ps = paragraphs(text);
    return (ps.length > 1 ? ps.slice(0, -1) : ps).join('\n\n');
  },
};

/** Adds a standfirst and a credit line of the outlet's own. */
const addOwnLines: Edit = {
  name: 'own standfirst and credit added',
  apply: (text) =>
    `Editor's note: this report is carried in full from our partner agency, with our own headline and a note on sources.\n\n${text}\n\nThis article first appeared on the agency's wire service and is republished under a content-sharing agreement.`,
};

/** Rewrites the first sentence. */
const rephraseLead: Edit = {
  name: 'lead rephrased',
  apply: (text) => text.replace(/^[^.!?]*[.!?]/, 'In a development closely watched by diplomats, officials confirmed a new step this week.'),
};

/** Every edit tried, alone and combined (the combination is the harshest a re-publication usually gets). */
export const EDITS: readonly Edit[] = [
  changeWords(0.05),
  changeWords(0.1),
  changeWords(0.2),
  cutLastParagraph,
  addOwnLines,
  rephraseLead,
  {
    name: '10% changed + lead rephrased + last paragraph cut + own lines',
    apply: (text, random) => addOwnLines.apply(cutLastParagraph.apply(rephraseLead.apply(changeWords(0.1).apply(text, random), random), random), random),
  },
];

/** `text` with `edit` applied, reproducibly for a given seed. */
export function editedCopy(text: string, edit: Edit, seed = 1): string {
  return edit.apply(text, seededRandom(seed));
}
