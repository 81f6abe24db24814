/**
 * Date expressions in sentences with their article date and the expected
 * resolution: from the seed articles (corpus/, /work/shared/seeds/) and
 * news-style sentences written for the news rules. `expect` lists every
 * EventDate of the sentence as [expression, start, end?]; [] means the
 * sentence must resolve to nothing.
 */
export interface DateCase {
  readonly sentence: string;
  /** Article date; Tue 2025-05-13 unless said. */
  readonly date?: string | null;
  readonly expect: ReadonlyArray<readonly [expression: string, start: string, end?: string]>;
}

export const DATE_CASES: readonly DateCase[] = [
  // The seed articles.
  { sentence: 'The Chinese Foreign Ministry said on Tuesday that China will continue to share artificial intelligence (AI) dividends with fellow developing countries, and promote AI to better serve global development, as it opened the second Workshop on AI Capacity Building in Beijing on Monday, with participants from nearly 40 countries and international organizations.', expect: [['on Tuesday', '2025-05-13'], ['on Monday', '2025-05-12']] },
  { sentence: 'A side event of the Group of Friends for International Cooperation on AI Capacity-Building is held at the UN headquarters in New York on May 6, Fu Cong, China’s permanent representative to the United Nations, said that capacity-building has long been a cornerstone of global AI governance.', expect: [['May 6', '2025-05-06']] },
  { sentence: 'To bridge the AI and digital divides, China in September 2024 proposed the AI Capacity-Building Action Plan for Good and for All.', expect: [['September 2024', '2024-09']] },
  { sentence: 'On September 25, 2024 local time, Member of the Political Bureau of the CPC Central Committee and Foreign Minister Wang Yi attended the High-level Meeting.', date: '2024-09-25', expect: [['September 25, 2024', '2024-09-25']] },
  { sentence: 'On the same day, Wang Yi also attended the G20 Foreign Ministers\' Meeting.', date: '2024-09-25', expect: [] },
  { sentence: 'Jiakun said that the 2025 World AI Conference & High-Level Meeting on Global AI Governance was successfully held in Shanghai from July 26 to 28.', date: '2025-07-30', expect: [['2025', '2025'], ['July 26 to 28', '2025-07-26', '2025-07-28']] },
  { sentence: 'The U.S. and China are set to hold their first high-level talks on artificial intelligence in the coming weeks, according to U.S. Secretary of State Antony Blinken.', date: '2024-04-26', expect: [] },
  { sentence: 'At the 10th China-Japan-ROK Foreign Ministers’ Meeting held in Busan, South Korea, Chinese Foreign Minister Wang Yi urged closer cooperation.', date: '2023-12-04', expect: [] },
  { sentence: 'The meeting gathered together over 800 AI companies from more than 70 countries and regions, exhibited over 3,000 items of cutting-edge technology.', date: '2025-07-30', expect: [] },
  // Weekdays on and around the article's weekday (Tue 2025-05-13).
  { sentence: 'The ministers met on Tuesday.', expect: [['on Tuesday', '2025-05-13']] },
  { sentence: 'The ministers met on Wednesday.', expect: [['on Wednesday', '2025-05-07']] },
  { sentence: 'The agreement was signed on Friday.', expect: [['on Friday', '2025-05-09']] },
  { sentence: 'The forum closed on Sunday.', expect: [['on Sunday', '2025-05-11']] },
  { sentence: 'The forum will take place on Tuesday.', expect: [['on Tuesday', '2025-05-20']] },
  { sentence: 'The forum will take place on Wednesday.', expect: [['on Wednesday', '2025-05-14']] },
  { sentence: 'Delegates are expected to arrive on Monday.', expect: [['on Monday', '2025-05-19']] },
  { sentence: 'The talks, scheduled for Thursday, will be held in Geneva.', expect: [['Thursday', '2025-05-15']] },
  { sentence: 'Officials said last Tuesday that the plan was ready.', expect: [['last Tuesday', '2025-05-06']] },
  { sentence: 'The vote comes next Monday.', expect: [['next Monday', '2025-05-19']] },
  { sentence: 'The ministry confirmed on Friday that the talks will take place in Geneva.', date: '2024-04-26', expect: [['on Friday', '2024-04-26']] },
  { sentence: 'Blinken met Xi Jinping on Friday, a day after he spoke with Wang Yi on Thursday.', date: '2024-04-26', expect: [['on Friday', '2024-04-26'], ['on Thursday', '2024-04-25']] },
  { sentence: 'He told reporters on Monday that the summit went well.', date: '2023-12-04', expect: [['on Monday', '2023-12-04']] },
  { sentence: 'The leaders spoke on Saturday.', date: '2025-01-03', expect: [['on Saturday', '2024-12-28']] },
  { sentence: 'The envoy arrived yesterday.', expect: [['yesterday', '2025-05-12']] },
  { sentence: 'The delegation will leave tomorrow.', expect: [['tomorrow', '2025-05-14']] },
  // Months without a year, across year ends.
  { sentence: 'The council met in November to discuss the draft.', expect: [['November', '2024-11']] },
  { sentence: 'The council will meet in November to adopt the draft.', expect: [['November', '2025-11']] },
  { sentence: 'The council will meet in February.', date: '2024-12-30', expect: [['February', '2025-02']] },
  { sentence: 'The council met in February.', date: '2024-12-30', expect: [['February', '2024-02']] },
  { sentence: 'The treaty was signed in December.', date: '2025-01-03', expect: [['December', '2024-12']] },
  { sentence: 'The working group convened on December 18.', date: '2025-01-03', expect: [['December 18', '2024-12-18']] },
  { sentence: 'Talks are scheduled to resume on January 20.', date: '2024-12-30', expect: [['January 20', '2025-01-20']] },
  { sentence: 'The agency published its report last May.', expect: [['last May', '2024-05']] },
  { sentence: 'The agency will publish its report next March.', expect: [['next March', '2026-03']] },
  { sentence: 'The rules took effect in mid-May.', expect: [['mid-May', '2025-05']] },
  { sentence: 'The committee will report in early January.', expect: [['early January', '2026-01']] },
  // Ranges.
  { sentence: 'The conference was held in Shanghai from July 26–28.', date: '2025-07-30', expect: [['July 26–28', '2025-07-26', '2025-07-28']] },
  { sentence: 'The conference ran July 26-28 in Shanghai.', date: '2025-07-30', expect: [['July 26-28', '2025-07-26', '2025-07-28']] },
  { sentence: 'The exhibition is open from 3 May until 5 May.', expect: [['3 May until 5 May', '2025-05-03', '2025-05-05']] },
  { sentence: 'The session ran from 3 to 5 May.', expect: [['3 to 5 May', '2025-05-03', '2025-05-05']] },
  { sentence: 'The talks ran from December 30 to January 2.', date: '2025-01-03', expect: [['December 30 to January 2', '2024-12-30', '2025-01-02']] },
  { sentence: 'The consultation runs until 31 July.', expect: [['until 31 July', '2025-07-31']] },
  { sentence: 'The talks ran from Monday to Wednesday.', date: '2025-05-14', expect: [['Monday to Wednesday', '2025-05-12', '2025-05-14']] },
  { sentence: 'The forum runs between 10 and 12 June.', expect: [['10 and 12 June', '2025-06-10', '2025-06-12']] },
  { sentence: 'The summit, held on 1-2 November 2023 at Bletchley Park, ended.', expect: [['on 1-2 November 2023', '2023-11-01', '2023-11-02']] },
  { sentence: 'The summit took place Nov. 1-2, 2023.', expect: [['Nov. 1-2, 2023', '2023-11-01', '2023-11-02']] },
  { sentence: 'The 2024–2025 session opened in Geneva.', expect: [['2024–2025', '2024', '2025']] },
  { sentence: 'The plan covers the years from 2023 to 2025.', expect: [['2023 to 2025', '2023', '2025']] },
  { sentence: 'Budgets grew between 2021 and 2024.', expect: [['2021 and 2024', '2021', '2024']] },
  // Years, quarters and relative periods.
  { sentence: 'The initiative was launched in 2023.', expect: [['2023', '2023']] },
  { sentence: 'The rules apply since 2024.', expect: [['since 2024', '2024']] },
  { sentence: 'The organization should be set up by the end of 2026.', expect: [['by the end of 2026', '2026']] },
  { sentence: 'A second summit will be held early next year.', expect: [['early next year', '2026']] },
  { sentence: 'Exports fell last year.', expect: [['last year', '2024']] },
  { sentence: 'Growth slowed this year.', expect: [['this year', '2025']] },
  { sentence: 'Negotiations will resume next month.', expect: [['next month', '2025-06']] },
  { sentence: 'The two sides met earlier this month.', expect: [['earlier this month', '2025-05']] },
  { sentence: 'The report is due at the end of this month.', expect: [['end of this month', '2025-05']] },
  { sentence: 'He said on Wednesday the plan would be ready by Friday.', date: '2025-05-14', expect: [['on Wednesday', '2025-05-14'], ['by Friday', '2025-05-16']] },
  { sentence: 'They met three days ago.', expect: [['three days ago', '2025-05-10']] },
  { sentence: 'Prices rose last month.', date: '2025-01-03', expect: [['last month', '2024-12']] },
  { sentence: 'The ministers met last week in Geneva.', expect: [['last week', '2025-05-05', '2025-05-11']] },
  { sentence: 'The ministers will meet next week.', expect: [['next week', '2025-05-19', '2025-05-25']] },
  { sentence: 'Revenue doubled in the first quarter of 2025.', expect: [['first quarter of 2025', '2025-01', '2025-03']] },
  { sentence: 'Shipments slowed in Q3 2024.', expect: [['Q3 2024', '2024-07', '2024-09']] },
  { sentence: 'The decree was published on 12 May 2025.', date: '2025-06-01', expect: [['on 12 May 2025', '2025-05-12']] },
  { sentence: 'The statement is dated 2025-05-12.', expect: [['2025-05-12', '2025-05-12']] },
  { sentence: 'The first talks took place in May 2024 in Geneva.', expect: [['May 2024', '2024-05']] },
  // Expressions that must not resolve.
  { sentence: 'Delegates may raise the issue again.', expect: [] },
  { sentence: 'May the best proposal win.', expect: [] },
  { sentence: 'Thousands joined the march on the capital.', expect: [] },
  { sentence: 'They will march to the embassy.', expect: [] },
  { sentence: 'The ministry scored 5 points in the index.', expect: [] },
  { sentence: 'The monitoring centre runs 24/7.', expect: [] },
  { sentence: 'The spokesperson will answer questions at 3 pm.', expect: [] },
  { sentence: 'More than 2000 delegates attended.', expect: [] },
  { sentence: 'Delegates may, however, object.', expect: [] },
  { sentence: 'The day before, he had resigned.', expect: [] },
  { sentence: 'A week later, talks resumed.', expect: [] },
  { sentence: 'The registry lists item 1021 september.', expect: [] },
  // An article without a date: relative expressions give nothing, written years still resolve.
  { sentence: 'The ministers met on Tuesday.', date: null, expect: [] },
  { sentence: 'The agency published its report last May.', date: null, expect: [] },
  { sentence: 'On September 25, 2024 local time, Wang Yi attended the meeting.', date: null, expect: [['September 25, 2024', '2024-09-25']] },
  { sentence: 'The initiative was launched in 2023.', date: null, expect: [['2023', '2023']] },
  // A question's period, resolved against today (answers pass today's date as the article date).
  { sentence: 'What happened in December 2023?', date: '2026-11-29', expect: [['December 2023', '2023-12']] },
  { sentence: 'What did the UN agree last year?', date: '2026-11-29', expect: [['last year', '2025']] },
];
