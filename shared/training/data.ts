/** Reference tables for the training set: places, centers, documents, licences, names that exercise collation. */

export interface City {
  key: string;
  locality: string;
  region: string;
  /** "в …" form of the region, for the authority that issued a passport book. */
  regionIn: string;
  /** Inclusive range of the city's 5-digit postcodes, as numbers. */
  postcodes: readonly [number, number];
  /** First two digits of the 4-digit code of the authority that issues ID cards there. */
  authorityPrefix: string;
  weight: number;
}

export const CITIES: readonly City[] = [
  { key: 'kyiv', locality: 'Київ', region: 'м. Київ', regionIn: 'в м. Києві', postcodes: [1001, 4128], authorityPrefix: '80', weight: 30 },
  { key: 'brovary', locality: 'Бровари', region: 'Київська область', regionIn: 'в Київській області', postcodes: [7400, 7415], authorityPrefix: '32', weight: 4 },
  { key: 'bila-tserkva', locality: 'Біла Церква', region: 'Київська область', regionIn: 'в Київській області', postcodes: [9100, 9117], authorityPrefix: '32', weight: 4 },
  { key: 'irpin', locality: 'Ірпінь', region: 'Київська область', regionIn: 'в Київській області', postcodes: [8200, 8205], authorityPrefix: '32', weight: 3 },
  { key: 'lviv', locality: 'Львів', region: 'Львівська область', regionIn: 'у Львівській області', postcodes: [79000, 79495], authorityPrefix: '46', weight: 8 },
  { key: 'kharkiv', locality: 'Харків', region: 'Харківська область', regionIn: 'у Харківській області', postcodes: [61001, 61204], authorityPrefix: '63', weight: 7 },
  { key: 'odesa', locality: 'Одеса', region: 'Одеська область', regionIn: 'в Одеській області', postcodes: [65001, 65125], authorityPrefix: '51', weight: 7 },
  { key: 'dnipro', locality: 'Дніпро', region: 'Дніпропетровська область', regionIn: 'у Дніпропетровській області', postcodes: [49000, 49128], authorityPrefix: '12', weight: 6 },
  { key: 'kryvyi-rih', locality: 'Кривий Ріг', region: 'Дніпропетровська область', regionIn: 'у Дніпропетровській області', postcodes: [50000, 50101], authorityPrefix: '12', weight: 3 },
  { key: 'zaporizhzhia', locality: 'Запоріжжя', region: 'Запорізька область', regionIn: 'в Запорізькій області', postcodes: [69001, 69124], authorityPrefix: '23', weight: 4 },
  { key: 'vinnytsia', locality: 'Вінниця', region: 'Вінницька область', regionIn: 'у Вінницькій області', postcodes: [21001, 21100], authorityPrefix: '05', weight: 4 },
  { key: 'poltava', locality: 'Полтава', region: 'Полтавська область', regionIn: 'в Полтавській області', postcodes: [36000, 36040], authorityPrefix: '53', weight: 3 },
  { key: 'chernihiv', locality: 'Чернігів', region: 'Чернігівська область', regionIn: 'в Чернігівській області', postcodes: [14000, 14037], authorityPrefix: '74', weight: 2 },
  { key: 'sumy', locality: 'Суми', region: 'Сумська область', regionIn: 'в Сумській області', postcodes: [40000, 40035], authorityPrefix: '59', weight: 2 },
  { key: 'zhytomyr', locality: 'Житомир', region: 'Житомирська область', regionIn: 'в Житомирській області', postcodes: [10001, 10031], authorityPrefix: '18', weight: 2 },
  { key: 'rivne', locality: 'Рівне', region: 'Рівненська область', regionIn: 'в Рівненській області', postcodes: [33000, 33028], authorityPrefix: '56', weight: 2 },
  { key: 'lutsk', locality: 'Луцьк', region: 'Волинська область', regionIn: 'у Волинській області', postcodes: [43000, 43026], authorityPrefix: '07', weight: 2 },
  { key: 'ternopil', locality: 'Тернопіль', region: 'Тернопільська область', regionIn: 'в Тернопільській області', postcodes: [46000, 46027], authorityPrefix: '61', weight: 2 },
  { key: 'ivano-frankivsk', locality: 'Івано-Франківськ', region: 'Івано-Франківська область', regionIn: 'в Івано-Франківській області', postcodes: [76000, 76026], authorityPrefix: '26', weight: 2 },
  { key: 'uzhhorod', locality: 'Ужгород', region: 'Закарпатська область', regionIn: 'в Закарпатській області', postcodes: [88000, 88020], authorityPrefix: '21', weight: 1 },
  { key: 'chernivtsi', locality: 'Чернівці', region: 'Чернівецька область', regionIn: 'в Чернівецькій області', postcodes: [58000, 58032], authorityPrefix: '73', weight: 1 },
  { key: 'khmelnytskyi', locality: 'Хмельницький', region: 'Хмельницька область', regionIn: 'у Хмельницькій області', postcodes: [29000, 29027], authorityPrefix: '68', weight: 2 },
  { key: 'cherkasy', locality: 'Черкаси', region: 'Черкаська область', regionIn: 'в Черкаській області', postcodes: [18000, 18036], authorityPrefix: '71', weight: 2 },
  { key: 'kropyvnytskyi', locality: 'Кропивницький', region: 'Кіровоградська область', regionIn: 'в Кіровоградській області', postcodes: [25000, 25034], authorityPrefix: '35', weight: 1 },
  { key: 'mykolaiv', locality: 'Миколаїв', region: 'Миколаївська область', regionIn: 'в Миколаївській області', postcodes: [54001, 54058], authorityPrefix: '48', weight: 2 },
];

export interface CenterSeed {
  id: string;
  cityKey: string;
  street: string;
}

/** Training service centers (TSC numbers follow the real pattern: region code, then 41–49). */
export const CENTER_SEEDS: readonly CenterSeed[] = [
  { id: 'sc-8041', cityKey: 'kyiv', street: 'вул. Туполєва, 19' },
  { id: 'sc-8045', cityKey: 'kyiv', street: 'просп. Павла Тичини, 11' },
  { id: 'sc-3241', cityKey: 'brovary', street: 'бульв. Незалежності, 7' },
  { id: 'sc-4641', cityKey: 'lviv', street: 'вул. Ґрінченка, 3' },
  { id: 'sc-6341', cityKey: 'kharkiv', street: 'вул. Біологічна, 7' },
  { id: 'sc-5141', cityKey: 'odesa', street: 'вул. Інглезі, 2' },
  { id: 'sc-1241', cityKey: 'dnipro', street: 'вул. Марії Лисиченко, 3' },
  { id: 'sc-0541', cityKey: 'vinnytsia', street: 'вул. Зодчих, 34' },
];

/** Mobile operator codes in use: Vodafone 50, 66, 95, 99; Kyivstar 67, 68, 96, 97, 98; lifecell 73, 93. */
export const OPERATOR_CODES: readonly (readonly [string, number])[] = [
  ['67', 16], ['97', 14], ['98', 8], ['96', 8], ['68', 6],
  ['50', 12], ['66', 9], ['95', 8], ['99', 6],
  ['93', 8], ['73', 5],
];

/** Letters valid in a licence series: those that exist in both Cyrillic and Latin script. */
export const LICENCE_SERIES_LETTERS = 'АВЕІКМНОРСТХ';

export const PASSPORT_SERIES = ['КВ', 'КА', 'СН', 'МЕ', 'ТТ', 'ВА', 'НК', 'КС', 'КМ', 'ЕР', 'АН', 'ВК'] as const;

export const PASSPORT_DEPARTMENTS = ['Центральним', 'Шевченківським', 'Залізничним', 'Дніпровським', 'Франківським', 'Індустріальним', 'Подільським'] as const;

export const CATEGORY_SETS: readonly (readonly [readonly string[], number])[] = [
  [['B'], 52],
  [['A', 'B'], 9],
  [['A1', 'B'], 3],
  [['B', 'BE'], 5],
  [['B', 'C1'], 5],
  [['B', 'C'], 8],
  [['B', 'C', 'CE'], 7],
  [['A', 'B', 'C'], 5],
  [['B', 'C', 'D'], 3],
  [['B', 'C', 'D', 'CE', 'DE'], 2],
  [['A', 'A1', 'B', 'B1'], 1],
];

export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 55], ['ukr.net', 25], ['i.ua', 6], ['meta.ua', 4], ['outlook.com', 5], ['icloud.com', 5],
];

/** Names with apostrophes and the letters Є, І, Ї, Ґ, mixed in so that sorting and searching can be tried. */
export const EXTRA_SURNAMES = [
  "П'ятак", 'Ґава', 'Ґудзь', 'Ґонта', 'Ґалаґан', 'Єрмак', 'Єременко', 'Ємець', 'Їжак', 'Їжакевич', 'Іваненко',
  'Іванишин', "Д'яченко", 'Гавриленко', "Мар'янчук", "Солов'як", 'Ільченко', 'Юрчак', 'Яковенко', "В'юн",
] as const;

export const EXTRA_GIVEN = {
  male: ["В'ячеслав", 'Євген', 'Ігор', 'Ілля', 'Іван', 'Єгор', "Мар'ян", 'Юрій'],
  female: ["Мар'яна", 'Єва', 'Ірина', 'Інна', 'Ілона', 'Євгенія', "Валер'яна", 'Ярослава'],
} as const;

export const EXTRA_PATRONYMIC = {
  male: ["В'ячеславович", 'Євгенович', 'Ігорович', 'Ілліч', 'Іванович', "Мар'янович"],
  female: ["В'ячеславівна", 'Євгенівна', 'Ігорівна', 'Іллівна', 'Іванівна', "Мар'янівна"],
} as const;

/** Apostrophe forms seen in real input (typewriter, modifier letter, right quotation mark). */
export const APOSTROPHE_FORMS: readonly (readonly [string, number])[] = [["'", 60], ['ʼ', 25], ['’', 15]];

/** The refusal reason catalogue the central server publishes (DOMAIN.md, "Refusal reasons"). */
export const REFUSAL_REASON_CODES = [
  'not_in_register',
  'first_licence_offences',
  'driving_ban',
  'data_mismatch',
  'incomplete_data',
  'no_residence',
  'photo_unsuitable',
  'payment_not_confirmed',
  'duplicate',
] as const;
export type RefusalReasonCode = (typeof REFUSAL_REASON_CODES)[number];

export const REFUSAL_WEIGHTS: readonly (readonly [RefusalReasonCode, number])[] = [
  ['not_in_register', 24],
  ['data_mismatch', 20],
  ['driving_ban', 12],
  ['incomplete_data', 12],
  ['photo_unsuitable', 9],
  ['payment_not_confirmed', 9],
  ['no_residence', 6],
  ['duplicate', 5],
  ['first_licence_offences', 3],
];

/** Explanations an administrator would write for the citizen, two per reason. */
export const REFUSAL_EXPLANATIONS: Record<RefusalReasonCode, readonly string[]> = {
  not_in_register: [
    'Посвідчення водія не знайдено в Єдиному державному реєстрі МВС. Зверніться до сервісного центру особисто з оригіналом посвідчення.',
    'Відомості про посвідчення, видане до 2013 року, відсутні в реєстрі; обмін можливий лише під час особистого звернення.',
  ],
  first_licence_offences: [
    'Протягом строку дії тимчасового посвідчення вчинено більше двох порушень ПДР; обмін онлайн неможливий.',
    'За даними реєстру за власником першого посвідчення обліковано три адміністративні правопорушення.',
  ],
  driving_ban: [
    'Заявника позбавлено права керування транспортними засобами за рішенням суду; строк позбавлення не сплив.',
    'Посвідчення водія вилучено; до завершення строку позбавлення права керування обмін неможливий.',
  ],
  data_mismatch: [
    'Прізвище в заяві не збігається з даними Єдиного державного демографічного реєстру. Подайте документ про зміну прізвища.',
    'Дані паспорта громадянина України не відповідають відомостям реєстру; уточніть дані в Кабінеті водія.',
  ],
  incomplete_data: [
    'У заяві не зазначено всіх обов’язкових відомостей про документ, що посвідчує особу. Подайте заяву повторно.',
    'Виявлено ознаки недостовірності поданих відомостей; необхідне особисте звернення до сервісного центру.',
  ],
  no_residence: [
    'Не підтверджено зареєстроване місце проживання заявника. Внутрішньо переміщені особи можуть подати довідку ВПО.',
    'Відомості про місце проживання в реєстрі територіальної громади відсутні; оновіть їх і подайте заяву знову.',
  ],
  photo_unsuitable: [
    'Фотографія не відповідає вимогам: обличчя частково закрите, фон неоднорідний. Подайте заяву з новим фото.',
    'Підпис у заяві нерозбірливий і не може бути відтворений на бланку посвідчення. Подайте заяву повторно.',
  ],
  payment_not_confirmed: [
    'Оплату адміністративної послуги та вартості бланка не підтверджено банком протягом трьох робочих днів.',
    'Обрано послугу, що не відповідає підставі звернення, а сплачену суму не підтверджено. Подайте нову заяву.',
  ],
  duplicate: [
    'Заява повторює іншу заяву цього ж заявника, яка вже перебуває в роботі сервісного центру.',
    'На обмін цього посвідчення вже подано заяву; повторна заява не розглядається.',
  ],
};

/** Ukrainian-to-Latin transliteration (Cabinet of Ministers resolution 55 of 2010), for e-mail addresses. */
export const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
};
/** Word-initial forms that differ. */
export const TRANSLIT_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };
