import { describe, expect, it } from 'vitest';
import {
  DATE_UNKNOWN,
  describeArticleMeta,
  EDITORIAL_DATE_MARK,
  RETRIEVED_DATE_MARK,
  SOURCE_UNKNOWN,
} from '../../../src/slack/render/article-meta.ts';

describe('describeArticleMeta', () => {
  it('gives a stated date and source as they are', () => {
    expect(describeArticleMeta({ source: 'Reuters', date: '2024-09-25', dateKind: 'stated' })).toEqual({
      source: 'Reuters',
      date: '2024-09-25',
    });
  });

  it('marks an editorial date', () => {
    expect(describeArticleMeta({ source: 'Xinhua', date: '2024-04-26', dateKind: 'editorial' }).date).toBe(
      `2024-04-26 ${EDITORIAL_DATE_MARK}`,
    );
    expect(EDITORIAL_DATE_MARK).toBe('(editorial date)');
  });

  it('never shows the day an article was fetched as its publication date', () => {
    expect(describeArticleMeta({ source: 'policy.test', date: '2025-08-01', dateKind: 'retrieved' }).date).toBe(`2025-08-01 ${RETRIEVED_DATE_MARK}`);
    expect(RETRIEVED_DATE_MARK).toBe('(retrieved; publication date unknown)');
  });

  it('says unknown rather than guessing', () => {
    expect(describeArticleMeta({ source: null, date: null, dateKind: null })).toEqual({
      source: SOURCE_UNKNOWN,
      date: DATE_UNKNOWN,
    });
    expect(SOURCE_UNKNOWN).toBe('source unknown');
    expect(DATE_UNKNOWN).toBe('date unknown');
  });

  it('treats a blank source or date as unknown', () => {
    expect(describeArticleMeta({ source: '  ', date: '', dateKind: 'stated' })).toEqual({
      source: SOURCE_UNKNOWN,
      date: DATE_UNKNOWN,
    });
  });
});
