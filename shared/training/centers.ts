/** Training service centers and the hostile applicant text used to test escaping and search. */
import { CENTER_SEEDS, CITIES, type City } from './data';

export interface TrainingCenter {
  id: string;
  name: string;
  address: string;
}

/** The center a training workstation belongs to unless told otherwise. */
export const TRAINING_CENTER_ID = 'sc-8041';

/** The ids of every fixed training center. */
export const TRAINING_CENTER_IDS: readonly string[] = CENTER_SEEDS.map((s) => s.id);

const TRAINING_CODE_PREFIX = 'TRAINING-ENROL';

/**
 * Each training center's own reusable enrolment code: `TRAINING-ENROL` for the training center a training console
 * uses, `TRAINING-ENROL-<center>` for the others. They exist only on a training central server, and a production
 * console refuses every one of them.
 */
export function trainingEnrolmentCode(centerId: string): string {
  return centerId === TRAINING_CENTER_ID ? TRAINING_CODE_PREFIX : `${TRAINING_CODE_PREFIX}-${centerId.toUpperCase()}`;
}

export function isTrainingEnrolmentCode(code: string): boolean {
  return code === TRAINING_CODE_PREFIX || code.startsWith(`${TRAINING_CODE_PREFIX}-`);
}

const cityByKey = new Map(CITIES.map((c) => [c.key, c]));

export function cityOf(key: string): City {
  return cityByKey.get(key) ?? CITIES[0]!;
}

function centerNumber(id: string): string {
  return /(\d+)$/.exec(id)?.[1] ?? id;
}

function describe(id: string, city: City, street: string): TrainingCenter {
  const postcode = String(city.postcodes[0] + (Number(centerNumber(id)) % 17 || 0)).padStart(5, '0');
  return {
    id,
    name: `Територіальний сервісний центр МВС № ${centerNumber(id)}`,
    address: `${postcode}, м. ${city.locality}, ${street}`,
  };
}

export interface CenterSetup {
  centers: TrainingCenter[];
  /** The city most applicants of the chosen center live in. */
  homeCity: City;
}

/** The fixed training centers, plus the requested one when it is not among them (placed in Kyiv). */
export function trainingCenters(centerId: string): CenterSetup {
  const centers = CENTER_SEEDS.map((s) => describe(s.id, cityOf(s.cityKey), s.street));
  const seed = CENTER_SEEDS.find((s) => s.id === centerId);
  if (seed) return { centers, homeCity: cityOf(seed.cityKey) };
  const kyiv = cityOf('kyiv');
  return { centers: [describe(centerId, kyiv, 'вул. Хрещатик, 1'), ...centers], homeCity: kyiv };
}

/** Hostile applicant text: markup, a right-to-left override, a 10,000-character name, SQL and FTS syntax. */
export const HOSTILE_NAMES: readonly { field: 'surname' | 'givenName' | 'patronymic'; value: string }[] = [
  { field: 'surname', value: '<script>alert(1)</script>' },
  { field: 'givenName', value: '<img src=x onerror=alert(1)>' },
  { field: 'patronymic', value: '\u202Eкипаш' },
  { field: 'surname', value: 'Шевченко'.repeat(1250) },
  { field: 'surname', value: "'; DROP TABLE applications; --" },
  { field: 'givenName', value: 'NEAR OR "*' },
];
