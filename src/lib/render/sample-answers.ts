/**
 * Answers shaped like the ones models write about documents (paragraphs with citations, lists,
 * headings, code, tables, quotes, the odd stray HTML), for the streamed-rendering tests and the
 * render benchmark. Not used by the app.
 */

export const SAMPLE_ANSWERS: readonly string[] = [
  'The queen lays up to **2,000 eggs** a day in early summer [1]. Workers live about six weeks [2][3].',
  "I don't know. The documents don't say.",
  'Leave is 25 days a year [1, 2]. Unused days carry over until March [3-4], see [7] too.\n\nAsk HR for details [2].',
  '## Summary\n\nThe eruption removed the north face of the mountain [1].\n\n- Ash fell over eleven states [2]\n- 57 people died [1][2]\n- The lateral blast reached 480 km/h [3]\n\nRecovery took decades [4].',
  'Steps to feed a starter:\n\n1. Discard half [1].\n2. Add equal weights of flour and water [1, 2].\n3. Leave it at room temperature for 4–12 hours [2].\n\n   It should double [3].\n\nThat is all.',
  'Use the `config[1]` key, not `[2]`:\n\n```json\n{ "retries": [1, 2] }\n```\n\nThe default is three retries [1].',
  '| Item | Days |\n|------|-----:|\n| Leave | 25 [1] |\n| Sick | 10 [2] |\n\nBoth reset in January [1][2].',
  '> The horn sounded two blasts every sixty seconds [1].\n> Until the fog lifted.\n\nSo: twice a minute [1].',
  'Title line\n---\n\nSetext headings appear too [1].\n\nAnother\n===\n\nDone [2].',
  'A list that goes on:\n\n- one [1]\n\n- two, loose [2]\n\n  continued inside the item\n- three\n\nAfter the list [3].',
  'Indented code:\n\n    let x = a[1];\n\n    let y = b[2];\n\nand text [1].',
  'Stray markup <b>bold</b> and <span onclick="x()">span</span> and <script>alert(1)</script> then more text [1].',
  '<div>\nA block of HTML [1]\n</div>\n\nThen Markdown **again** [2].',
  'An unclosed <textarea> here, and the rest of the answer must still show [1].\n\n- item one [2]\n- item two',
  '<iframe src="https://evil.example">\n\nAll of this must stay visible [1].\n\n## Even headings',
  '<style>\nbody { display: none }\n\nThe answer continues [1].',
  'A link to [the site](https://example.org/page) and <https://example.org/auto> and https://example.org/bare [1].',
  'Line one\nline two (breaks on)\nline three [1]\n\n***\n\n*emphasis* and _more_ and ~~struck~~ [2].',
  '1) first [1]\n2) second [2]\n\n* star list\n+ plus list\n\n- [ ] task [1]\n- [x] done [2]',
  '# Heading [1]\n\nText with trailing spaces  \nhard break [2].\n\n####### not a heading\n\nEnd.',
  '```\nunclosed fence with [1] inside\nand more lines',
  'Nested:\n\n- outer [1]\n  - inner [2]\n    - deeper [3]\n  - back\n- out\n\n> quote\n> - list in quote [1]\n\nfin',
  'Numbers like [2019-2021] and [0] and [a] stay as text; [1–2] is a range [1-2].',
  'Windows line endings\r\nare normalised [1].\r\n\r\n- and lists\r\n- too [2]\r\n',
  'Unicode: café, 東京, emoji 🐝 [1]. Entities &amp; &lt;tag&gt; [2]. Escapes \\*not em\\* [3].',
];

const PARAGRAPHS = [
  'Honey bees live in colonies of up to sixty thousand workers, with one queen that lays the eggs [1]. The workers forage for nectar and pollen within a few kilometres of the hive [2].',
  'In late summer beekeepers harvest the honey that the colony will not need for winter, leaving at least twenty kilograms in the hive [3][1].',
  'The 1980 eruption of Mount St. Helens removed the north face of the mountain and flattened forests over six hundred square kilometres [4, 5].',
  'A sourdough starter is fed by discarding half of it and adding equal weights of flour and water; it should double within four to twelve hours [2-3].',
];
const LIST = ['- The queen is fed royal jelly throughout her life [1].', '- Drones do not forage and die after mating [2].', '- Workers change roles as they age, from cleaning cells to guarding the entrance [3].'];
const CODE = '```\nhive.weight_kg = 42  # measured [1]\nhive.frames = [1, 2, 3]\n```';
const TABLE = '| Month | Task |\n|-------|------|\n| April | Inspect the brood [1] |\n| July | Add supers [2] |\n| September | Harvest [3] |';

/** A long, varied answer of about `chars` characters, the same for the same seed. */
export function longAnswer(chars: number, seed = 1): string {
  let state = seed >>> 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const blocks: string[] = [];
  let length = 0;
  while (length < chars) {
    const r = rand();
    const block = r < 0.55 ? pick(PARAGRAPHS) : r < 0.75 ? LIST.join('\n') : r < 0.85 ? `## ${pick(['Colonies', 'The harvest', 'Eruption', 'Starters'])}` : r < 0.93 ? TABLE : CODE;
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n').slice(0, chars);
}
