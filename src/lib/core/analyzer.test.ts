import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from './analyzer';
import { Bm25Index } from './bm25';

/** Terms a query and a document have in common: what BM25 can match on. */
function shared(query: string, doc: string): string[] {
  const d = new Set(analyze(doc));
  return [...new Set(analyze(query))].filter((t) => d.has(t));
}

describe('analyze', () => {
  it('lowercases, drops stop words and stems English', () => {
    expect(analyze('The runners were running generously in the Parks')).toEqual(['runner', 'run', 'generous', 'park']);
  });

  it('keeps numbers, including decimals and thousands separators', () => {
    expect(analyze('Apollo 11 landed in 1969; 3.5 kg, 10,000 people')).toEqual([
      'apollo', '11', 'land', '1969', '3.5', 'kg', '10,000', 'peopl',
    ]);
  });

  it('folds diacritics on Latin letters so "café" finds "cafe"', () => {
    expect(analyze('Café NAÏVE façade Straße')).toEqual(analyze('cafe naive facade strasse'));
    expect(analyze('Crème brûlée')).toEqual(['creme', 'brule']);
    expect(analyze('café')).toEqual(['cafe']);
    // Circumflexes French shares with Vietnamese still fold outside a Vietnamese syllable.
    expect(analyze('hôtel être')).toEqual(analyze('hotel etre'));
  });

  it('lowercases but never stems Cyrillic or Greek', () => {
    expect(analyze('Книги и ЖУРНАЛЫ')).toEqual(['книги', 'и', 'журналы']);
    expect(analyze('ΟΔΥΣΣΕΥΣ')).toEqual(['οδυσσευς']);
    // Cyrillic й keeps its breve (folding it would merge different letters).
    expect(analyze('Толстой')).toEqual(['толстой']);
  });

  it('splits CJK runs into overlapping bigrams and keeps a lone character', () => {
    expect(analyze('東京都')).toEqual(['東京', '京都']);
    expect(analyze('猫')).toEqual(['猫']);
    expect(analyze('東京タワーとSkytree')).toEqual(['東京', '京タ', 'タワ', 'ワー', 'ーと', 'skytre']);
    expect(analyze('서울 특별시')).toEqual(['서울', '특별', '별시']);
  });

  it('normalizes full-width forms (NFKC) and curly apostrophes', () => {
    // Since word parts: the letter and digit runs of "ABC123" are terms too (was ['abc123']).
    expect(analyze('ＡＢＣ１２３')).toEqual(['abc123', 'abc', '123']);
    expect(analyze('John’s dog')).toEqual(analyze("John's dog"));
    expect(analyze("don't")).toEqual(['dont']);
  });

  it('drops absurdly long tokens and returns [] for empty input', () => {
    expect(analyze('x'.repeat(200) + ' useful')).toEqual(['use']);
    // A long identifier is dropped whole, not split into pieces.
    expect(analyze('aB1'.repeat(30))).toEqual([]);
    expect(analyze('')).toEqual([]);
    expect(analyze('  \n\t ')).toEqual([]);
  });

  it('can keep stop words or skip stemming when asked', () => {
    expect(createAnalyzer({ stopWords: 'none' })('the cats')).toEqual(['the', 'cat']);
    expect(createAnalyzer({ stem: false })('the cats')).toEqual(['cats']);
    expect(createAnalyzer({ stopWords: 'lucene' })('what is it')).toEqual(['what']);
    expect(createAnalyzer({ wordParts: false })('FY2018 10-K camelCase')).toEqual(['fy2018', '10', 'k', 'camelcas']);
  });

  it('removes soft hyphens that PDF extraction leaves inside words', () => {
    expect(analyze('docu\u00adment')).toEqual(analyze('document'));
  });
});

describe('analyze: scripts without spaces between words (Thai, Lao, Khmer, Myanmar)', () => {
  it('segments a Thai question into words that a Thai document shares', () => {
    const query = 'ประเทศไทยมีประชากรเท่าไร'; // How many people does Thailand have?
    const doc = 'ประเทศไทยเป็นประเทศในภูมิภาคเอเชียตะวันออกเฉียงใต้ มีประชากรประมาณ 70 ล้านคน';
    expect(analyze(query)).toEqual(['ประเทศไทย', 'มี', 'ประชากร', 'เท่าไร']);
    expect(shared(query, doc)).toContain('ประชากร');
    expect(shared(query, 'จำนวนประชากรของกรุงเทพมหานครเพิ่มขึ้นทุกปี')).toEqual(['ประชากร']);
  });

  it('keeps Thai SARA AM whole although NFKC splits it', () => {
    // NFKC turns ำ into ํ + า, which the dictionary does not know: "จำนวน" would come out as "จํา", "นวน".
    expect(analyze('จำนวนประชากร')).toEqual(['จำนวน', 'ประชากร']);
    expect(analyze('น้ำ')).toEqual(['น้ำ']);
  });

  it('indexes a Thai sentence longer than the 64-character token limit', () => {
    const sentence = 'ประเทศไทยเป็นประเทศในภูมิภาคเอเชียตะวันออกเฉียงใต้และมีกรุงเทพมหานครเป็นเมืองหลวงของประเทศ';
    expect(sentence.length).toBeGreaterThan(64);
    expect(analyze(sentence)).toContain('กรุงเทพมหานคร');
  });

  it('segments Lao', () => {
    const query = 'ປະເທດລາວມີປະຊາກອນຫຼາຍປານໃດ';
    const doc = 'ປະຊາກອນຂອງລາວມີປະມານ 7 ລ້ານຄົນ';
    expect(analyze(query)).toEqual(['ປະເທດ', 'ລາວ', 'ມີ', 'ປະຊາກອນ', 'ຫຼາຍ', 'ປານໃດ']);
    expect(shared(query, doc)).toEqual(['ລາວ', 'ມີ', 'ປະຊາກອນ']);
    expect(analyze('ແມ່ນ້ຳຂອງ')).toEqual(['ແມ່', 'ນ້ຳ', 'ຂອງ']);
  });

  it('segments Khmer, and splits Khmer digits off a word', () => {
    const query = 'ប្រទេសកម្ពុជាមានប្រជាជនប៉ុន្មាននាក់';
    const doc = 'ប្រជាជនកម្ពុជាមានប្រហែល១៦លាននាក់';
    expect(analyze(query)).toEqual(['ប្រទេស', 'កម្ពុជា', 'មាន', 'ប្រជាជន', 'ប៉ុន្មាន', 'នាក់']);
    expect(shared(query, doc)).toEqual(['កម្ពុជា', 'មាន', 'ប្រជាជន', 'នាក់']);
    expect(analyze(doc)).toContain('១៦');
  });

  it('segments Myanmar', () => {
    const query = 'မြန်မာနိုင်ငံတွင်လူဦးရေမည်မျှရှိသနည်း';
    const doc = 'မြန်မာနိုင်ငံ၏လူဦးရေသည်သန်း၅၀ခန့်ရှိသည်';
    expect(analyze(query)).toContain('လူဦးရေ');
    expect(shared(query, doc)).toEqual(['မြန်မာနိုင်ငံ', 'လူဦးရေ', 'ရှိ']);
  });

  it('finds the Thai document that answers a Thai question with BM25', () => {
    const index = new Bm25Index({ analyzer: analyze });
    index.add('population', 'ประเทศไทยมีประชากรประมาณ 70 ล้านคน');
    index.add('capital', 'กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย');
    index.add('english', 'Thailand is a country in Southeast Asia.');
    expect(index.search('ประเทศไทยมีประชากรเท่าไร', 3)[0]?.id).toBe('population');
    expect(index.search('เมืองหลวงของไทยคือที่ไหน', 3)[0]?.id).toBe('capital');
  });
});

describe('analyze: letter–digit runs', () => {
  it('indexes FY2018 whole and as fy + 2018', () => {
    expect(analyze('FY2018')).toEqual(['fy2018', 'fy', '2018']);
    expect(shared('FY 2018 revenue', 'Revenue grew in FY2018.')).toEqual(['fy', '2018', 'revenu']);
    expect(shared('fy2018', 'FY2018 results')).toEqual(['fy2018', 'fy', '2018']);
  });

  it('indexes 10-K as 10, k and the joined 10k', () => {
    expect(analyze('10-K')).toEqual(['10k', '10', 'k']);
    expect(analyze('10K')).toEqual(['10k', '10', 'k']);
    expect(shared('10K filing', 'the annual 10-K report filed with the SEC')).toEqual(['10k', '10', 'k', 'file']);
  });

  it('indexes COVID-19 as covid19, covid, 19', () => {
    expect(analyze('COVID-19')).toEqual(['covid19', 'covid', '19']);
    expect(shared('covid19 vaccines', 'Vaccines against COVID-19 were approved in 2020.')).toEqual(['covid19', 'covid', '19', 'vaccin']);
    expect(analyze('SARS-CoV-2')).toEqual(['sarscov2', 'sar', 'cov', 'co', '2']);
  });

  it('splits B2B, iPhone15 and H2O sensibly, each part once', () => {
    expect(analyze('B2B')).toEqual(['b2b', 'b', '2']);
    expect(analyze('iPhone15')).toEqual(['iphone15', 'iphon', 'phone', '15']);
    expect(shared('iPhone 15', 'the new iPhone15 Pro')).toEqual(['iphon', 'phone', '15']);
    expect(analyze('H2O')).toEqual(['h2o', 'h', '2', 'o']);
    expect(analyze('3.5mg')).toEqual(['3.5mg', '3.5', 'mg']);
  });

  it('keeps hashes, number ranges and long identifiers from splitting into noise', () => {
    expect(analyze('1d764b1 e3b0c44298fc')).toEqual(['1d764b1', 'e3b0c44298fc']);
    expect(analyze('1990-2000 2023-01-15')).toEqual(['1990', '2000', '2023', '01', '15']);
    expect(analyze('id 123e4567-e89b-12d3-a456-426614174000')).toEqual(['id', '123e4567-e89b-12d3-a456-426614174000']);
    expect(analyze('5th 21st-century')).toEqual(['5th', '21stcentury', '21st', 'centuri']);
    expect(analyze('the 1990s')).toEqual(['1990s', '1990']);
    expect(analyze('a1b2c3d4e5')).toEqual(['a1b2c3d4e5']);
  });

  it('ranks the exact "FY2018" above a document that only has its pieces apart', () => {
    const index = new Bm25Index({ analyzer: analyze });
    index.add('exact', 'Revenue rose in FY2018 as sales of the product line improved.');
    index.add('apart', 'The FY plan for 2018 kept revenue targets unchanged this year.');
    index.add('other', 'Unrelated text about cooking pasta.');
    expect(index.search('FY2018 revenue', 3).map((h) => h.id)).toEqual(['exact', 'apart']);
  });
});

describe('analyze: file names and case changes', () => {
  it('splits a file name into its words', () => {
    expect(analyze('ACME_Annual_Report_2023.pdf')).toEqual(analyze('acme annual report 2023 pdf'));
    expect(analyze('ACME_Annual_Report_2023.pdf')).toEqual(['acm', 'annual', 'report', '2023', 'pdf']);
    expect(shared('acme annual report', 'ACME_Annual_Report_2023.pdf')).toEqual(['acm', 'annual', 'report']);
  });

  it('splits camelCase, PascalCase and XMLHttpRequest at case changes and keeps the whole word', () => {
    expect(analyze('camelCase')).toEqual(['camelcas', 'camel', 'case']);
    expect(analyze('PascalCase')).toEqual(['pascalcas', 'pascal', 'case']);
    expect(analyze('XMLHttpRequest')).toEqual(['xmlhttprequest', 'xml', 'http', 'request']);
    // The split needs the original case: the lowercase spelling has no case change to split at.
    expect(analyze('camelcase')).toEqual(['camelcas']);
    expect(shared('http request', 'new XMLHttpRequest()')).toEqual(['http', 'request']);
    expect(shared('xmlhttprequest', 'new XMLHttpRequest()')).toEqual(['xmlhttprequest']);
  });

  it('keeps plural acronyms and all-caps words whole', () => {
    expect(analyze('URLs PDFs NASA')).toEqual(['url', 'pdfs', 'nasa']);
    expect(analyze('mRNA eBay')).toEqual(['mrna', 'rna', 'ebay', 'bay']);
  });
});

describe('analyze: clitics before the stop list', () => {
  it("drops what's and it's as stop words", () => {
    expect(analyze("what's")).toEqual([]);
    expect(analyze('What’s it’s')).toEqual([]);
    expect(analyze("we're they'll I'm you've")).toEqual([]);
    expect(createAnalyzer({ stopWords: 'lucene' })("it's")).toEqual([]);
  });

  it("matches company's and companies’ with company and companies", () => {
    expect(analyze("company's")).toEqual(analyze('company'));
    expect(analyze('company’s')).toEqual(analyze('company'));
    expect(analyze("companies'")).toEqual(analyze('companies'));
    expect(analyze('companies’')).toEqual(analyze('companies'));
    expect(analyze("What's the company's revenue?")).toEqual(['compani', 'revenu']);
    expect(shared("what's the company's revenue", 'Company revenue by quarter')).toEqual(['compani', 'revenu']);
  });

  it("keeps o'neill and don't whole", () => {
    expect(analyze("O'Neill")).toEqual(['oneil']);
    expect(analyze("O'Neill's")).toEqual(['oneil']);
    expect(analyze("don't DON’T")).toEqual(['dont', 'dont']);
  });

  it('drops elided French articles', () => {
    expect(analyze("l'économie qu'il")).toEqual(analyze('économie il'));
  });
});

describe('analyze: Vietnamese keeps its marks', () => {
  it('keeps má, mà, mả, mã, mạ and ma apart', () => {
    const words = ['má', 'mà', 'mả', 'mã', 'mạ', 'ma'];
    expect(new Set(words.map((w) => analyze(w).join(' '))).size).toBe(6);
    expect(analyze('má')).toEqual(['má']);
    expect(shared('má', 'mà')).toEqual([]);
  });

  it('keeps "Việt" with its marks, in any case and normalization form', () => {
    expect(analyze('Việt Nam')).toEqual(['việt', 'nam']);
    expect(analyze('VIỆT')).toEqual(['việt']);
    expect(analyze('Vie\u0302\u0323t')).toEqual(['việt']);
    expect(analyze('Đà Nẵng')).toEqual(['đà', 'nẵng']);
  });

  it('spells the tone of oa/oe/uy one way ("hóa" = "hoá", "thủy" = "thuỷ")', () => {
    expect(analyze('hoá')).toEqual(analyze('hóa'));
    expect(analyze('thuỷ')).toEqual(analyze('thủy'));
    expect(analyze('khoẻ')).toEqual(analyze('khỏe'));
    // With a final consonant both spellings agree already, and nothing moves.
    expect(analyze('hoàng')).toEqual(['hoàng']);
  });

  it('matches a Vietnamese query against a Vietnamese document', () => {
    expect(shared('thủ đô Hà Nội', 'Hà Nội là thủ đô của Việt Nam')).toEqual(['thủ', 'đô', 'hà', 'nội']);
    // The price of keeping marks (vietnamese.ts): a query typed without them no longer matches.
    expect(shared('Hà Nội', 'ha noi')).toEqual([]);
  });

  it('still folds Croatian đ and French accents outside Vietnamese syllables', () => {
    expect(analyze('Đoković')).toEqual(analyze('Dokovic'));
    expect(analyze('déjà été')).toEqual(analyze('deja ete'));
  });
});
