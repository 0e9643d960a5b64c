/** The applicant part of a training record: name, identifiers, documents, contacts and registered address. */
import type { Faker } from '@faker-js/faker';
import type { Address, Applicant } from '../domain/application';
import { rnokppCheckDigit, rnokppDayNumber } from '../domain/identifiers';
import { type DayNumber, isoToDayNumber, kyivDayNumber } from '../domain/kyiv-time';
import {
  APOSTROPHE_FORMS,
  type City,
  EMAIL_DOMAINS,
  EXTRA_GIVEN,
  EXTRA_PATRONYMIC,
  EXTRA_SURNAMES,
  OPERATOR_CODES,
  PASSPORT_DEPARTMENTS,
  PASSPORT_SERIES,
  TRANSLIT,
  TRANSLIT_INITIAL,
} from './data';
import { addYears, isoOfDay } from './days';
import type { Rng } from './rng';

export const EARLIEST_BIRTH: DayNumber = isoToDayNumber('1950-01-01');
export const LATEST_BIRTH: DayNumber = isoToDayNumber('2004-12-31');
const ID_CARDS_FROM: DayNumber = isoToDayNumber('2016-01-11');
const PASSPORT_BOOKS_UNTIL: DayNumber = isoToDayNumber('2015-12-31');

type Sex = 'male' | 'female';

function withApostrophe(rng: Rng, name: string): string {
  return name.includes("'") ? name.replace(/'/g, rng.weighted(APOSTROPHE_FORMS)) : name;
}

/** A valid RNOKPP for a birth date and sex: day number, three serial digits, a sex digit, the check digit. */
export function makeRnokpp(rng: Rng, birthDate: string, sex: Sex): string {
  const day = String(rnokppDayNumber(birthDate)).padStart(5, '0');
  const sexDigit = 2 * rng.int(0, 4) + (sex === 'male' ? 1 : 0);
  const firstNine = day + rng.digits(3) + String(sexDigit);
  return firstNine + String(rnokppCheckDigit(firstNine));
}

export function transliterate(text: string): string {
  let out = '';
  let initial = true;
  for (const ch of text.toLowerCase()) {
    const mapped = (initial ? TRANSLIT_INITIAL[ch] : undefined) ?? TRANSLIT[ch];
    if (mapped !== undefined) out += mapped;
    else if (/[a-z0-9]/.test(ch)) out += ch;
    initial = !/\p{L}/u.test(ch);
  }
  return out;
}

function makeEmail(rng: Rng, givenName: string, surname: string): string {
  const given = transliterate(givenName.slice(0, 24)).slice(0, 16);
  const family = transliterate(surname.slice(0, 24)).slice(0, 20);
  const local =
    (given && family ? rng.pick([`${given}.${family}`, `${given[0]}${family}`, `${family}_${given}`, `${family}${given[0]}`]) : 'user') +
    (rng.chance(0.45) ? String(rng.int(1, 99)) : '');
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
}

export function makePhone(rng: Rng): string {
  return `+380${rng.weighted(OPERATOR_CODES)}${rng.digits(7)}`;
}

const STREET_PREFIXES: readonly (readonly [string, number])[] = [['вул.', 75], ['пров.', 10], ['просп.', 8], ['бульв.', 4], ['пл.', 3]];

export function makeAddress(rng: Rng, faker: Faker, city: City): Address {
  const [lo, hi] = city.postcodes;
  const building = String(rng.int(1, 180)) + (rng.chance(0.08) ? rng.pick(['А', 'Б', 'В']) : '');
  const address: Address = {
    postcode: String(rng.int(lo, hi)).padStart(5, '0'),
    region: city.region,
    locality: city.locality,
    street: `${rng.weighted(STREET_PREFIXES)} ${faker.helpers.arrayElement(faker.definitions.location.street_name_part)}`,
    building,
  };
  if (rng.chance(0.65)) address.apartment = String(rng.int(1, 320));
  return address;
}

export interface ApplicantOptions {
  city: City;
  /** Latest birth day allowed (a licence issued at 18 or later). */
  latestBirth: DayNumber;
  /** Preferred earliest birth day (young drivers for a first licence). */
  earliestBirth?: DayNumber;
  submittedAt: number;
}

export function makeApplicant(rng: Rng, faker: Faker, opts: ApplicantOptions): Applicant {
  const sex: Sex = rng.chance(0.62) ? 'male' : 'female';
  const surname = rng.chance(0.08) ? withApostrophe(rng, rng.pick(EXTRA_SURNAMES)) : faker.person.lastName(sex);
  const givenName = rng.chance(0.06) ? withApostrophe(rng, rng.pick(EXTRA_GIVEN[sex])) : faker.person.firstName(sex);
  const patronymic = rng.chance(0.05) ? withApostrophe(rng, rng.pick(EXTRA_PATRONYMIC[sex])) : faker.person.middleName(sex);

  const lo = Math.max(EARLIEST_BIRTH, opts.earliestBirth ?? EARLIEST_BIRTH);
  const hi = Math.min(LATEST_BIRTH, opts.latestBirth);
  // Two uniforms averaged: most drivers are middle-aged, a few are at the edges.
  const birthDay = lo >= hi ? hi : Math.round(lo + ((rng.next() + rng.next()) / 2) * (hi - lo));
  const birthDate = isoOfDay(birthDay);

  const rnokpp = rng.chance(0.01) ? null : makeRnokpp(rng, birthDate, sex);
  const today = kyivDayNumber(opts.submittedAt);
  const canHaveBook = addYears(birthDay, 16) <= PASSPORT_BOOKS_UNTIL;
  const book = canHaveBook && (rnokpp === null || rng.chance(0.12));
  const city = opts.city;
  let identityDocument: Applicant['identityDocument'];
  if (book) {
    const from = Math.max(addYears(birthDay, 16), isoToDayNumber('1994-01-01'));
    identityDocument = {
      type: 'passport_book',
      number: rng.pick(PASSPORT_SERIES) + rng.digits(6),
      issuedBy: `${rng.pick(PASSPORT_DEPARTMENTS)} РВ ГУ ДМС України ${city.regionIn}`,
      issuedOn: isoOfDay(rng.int(from, Math.max(from, PASSPORT_BOOKS_UNTIL))),
    };
  } else {
    const from = Math.max(ID_CARDS_FROM, addYears(birthDay, 14));
    identityDocument = {
      type: 'id_card',
      number: rng.digits(9),
      issuedBy: city.authorityPrefix + String(rng.int(10, 59)),
      issuedOn: isoOfDay(rng.int(from, Math.max(from, today - 30))),
    };
  }
  const unzr = book ? null : `${birthDate.replace(/-/g, '')}-${rng.digits(5)}`;

  return {
    surname,
    givenName,
    patronymic,
    birthDate,
    sex,
    rnokpp,
    unzr,
    identityDocument,
    phone: makePhone(rng),
    email: rng.chance(0.3) ? null : makeEmail(rng, givenName, surname),
    address: makeAddress(rng, faker, city),
  };
}
