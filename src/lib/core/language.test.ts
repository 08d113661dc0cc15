import { describe, expect, it } from 'vitest';
import { detectLanguage, mainOtherLanguage } from './language';

const SAMPLES: Record<string, string> = {
  en: 'The lighthouse has stood on the dune at the edge of the island since 1887. Its light can be seen thirty kilometres away in clear weather, and in fog the horn sounds every thirty seconds.',
  de: 'Der Leuchtturm steht seit 1887 auf der Düne am Rand der Insel. Sein Licht ist bei klarem Wetter dreißig Kilometer weit zu sehen, und bei Nebel ertönt das Nebelhorn alle dreißig Sekunden.',
  fr: "Le phare se dresse sur la dune au bord de l'île depuis 1887. Par temps clair, sa lumière est visible à trente kilomètres, et dans le brouillard la corne de brume sonne toutes les trente secondes.",
  es: 'El faro se alza sobre la duna en el borde de la isla desde 1887. Con tiempo despejado su luz se ve a treinta kilómetros, y con niebla la sirena suena cada treinta segundos para los pescadores.',
  it: "Il faro si trova sulla duna al margine dell'isola dal 1887. Con il tempo sereno la sua luce è visibile a trenta chilometri, e nella nebbia la sirena suona ogni trenta secondi per i pescatori.",
  pt: 'O farol está na duna à beira da ilha desde 1887. Com tempo limpo a sua luz é vista a trinta quilómetros, e com nevoeiro a sirene soa a cada trinta segundos para os pescadores do porto.',
  nl: 'De vuurtoren staat sinds 1887 op de duin aan de rand van het eiland. Bij helder weer is het licht op dertig kilometer te zien, en bij mist klinkt de misthoorn elke dertig seconden.',
  ru: 'Маяк стоит на дюне на краю острова с 1887 года. В ясную погоду его свет виден за тридцать километров, а в тумане сирена звучит каждые тридцать секунд, чтобы рыбаки нашли гавань.',
  uk: 'Маяк стоїть на дюні на краю острова з 1887 року. У ясну погоду його світло видно за тридцять кілометрів, а в тумані сирена звучить кожні тридцять секунд, щоб рибалки знайшли гавань.',
  ja: '富士山は日本で一番高い山で、標高は三千七百七十六メートルです。登山道が開かれるのは毎年七月上旬から九月上旬までです。',
  zh: '富士山是日本最高的山，海拔三千七百七十六米。登山道每年七月上旬至九月上旬开放，山顶的气温即使在夏天也会降到五度左右。',
  ko: '등대는 1887년부터 섬 가장자리의 모래 언덕 위에 서 있습니다. 맑은 날에는 그 빛이 삼십 킬로미터 밖에서도 보입니다.',
  ar: 'تقف المنارة على الكثيب عند طرف الجزيرة منذ عام 1887. في الطقس الصافي يمكن رؤية ضوئها على بعد ثلاثين كيلومترا.',
  el: 'Ο φάρος στέκεται στον αμμόλοφο στην άκρη του νησιού από το 1887. Με καθαρό καιρό το φως του φαίνεται από τριάντα χιλιόμετρα.',
  th: 'ประภาคารตั้งอยู่บนเนินทรายที่ขอบเกาะตั้งแต่ปี 1887 ในวันที่อากาศแจ่มใสจะมองเห็นแสงได้ไกลสามสิบกิโลเมตร',
};

describe('detectLanguage', () => {
  for (const [code, text] of Object.entries(SAMPLES)) {
    it(`reads ${code}`, () => expect(detectLanguage(text)).toBe(code));
  }

  it('says undetermined for text too short, numbers, or no known function words', () => {
    expect(detectLanguage('Hallo')).toBe('und');
    expect(detectLanguage('3.14159 2.71828 1.41421 1.73205 0.57721 1.61803 4.66920')).toBe('und');
    expect(detectLanguage('xkcd qwrt zvbn plmk jhgf dsaq wert yuio ghjk')).toBe('und');
  });

  it('reads the recorded German, Japanese and English documents of the version-3 fixture', async () => {
    const { readFile } = await import('node:fs/promises');
    const fixture = JSON.parse(await readFile(new URL('../../../e2e/fixtures/v3-library.json', import.meta.url), 'utf8')) as { chunks: { docId: string; text: string }[]; documents: { id: string; name: string }[] };
    const byName = Object.fromEntries(fixture.documents.map((d) => [d.name, detectLanguage(fixture.chunks.filter((c) => c.docId === d.id).map((c) => c.text).join('\n'))]));
    expect(byName).toEqual({ 'leuchtturm.txt': 'de', 'fuji.md': 'ja', 'volcanoes.txt': 'en' });
  });
});

describe('mainOtherLanguage', () => {
  it('is the non-English language with the most passages, counting its documents', () => {
    const docs = [
      { language: 'en', chunkCount: 900 },
      { language: 'ja', chunkCount: 40 },
      { language: 'ja', chunkCount: 30 },
      { language: 'de', chunkCount: 60 },
      { language: 'und', chunkCount: 500 },
    ];
    expect(mainOtherLanguage(docs)).toEqual({ language: 'ja', documents: 2 });
  });

  it('is null for an English library, documents stored before languages were detected, or none', () => {
    expect(mainOtherLanguage([{ language: 'en', chunkCount: 3 }, { chunkCount: 2 }])).toBeNull();
    expect(mainOtherLanguage([])).toBeNull();
  });
});
