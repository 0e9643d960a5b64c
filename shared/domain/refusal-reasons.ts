/**
 * The seed refusal catalogue (DOMAIN.md "Refusal reasons"): the nine codes in catalogue order, with Ukrainian and
 * English titles and the automatic check that suggests each. The central server publishes the live catalogue;
 * both stores seed these rows so a workstation and the server start from the same codes.
 */
export const REFUSAL_REASON_SEED: readonly (readonly [code: string, titleUk: string, titleEn: string, suggestedForCheck: string | null])[] = [
  ['not_in_register', 'Посвідчення водія відсутнє в Єдиному державному реєстрі МВС', 'The licence is not in the unified register of the Ministry', 'licenceInRegister'],
  ['first_licence_offences', 'Власник першого (дворічного) посвідчення вчинив понад два порушення ПДР', 'First (two-year) licence holder with more than two traffic offences', null],
  ['driving_ban', 'Особу позбавлено права керування або посвідчення вилучено', 'Deprived of the right to drive, or the licence was withdrawn', 'noDrivingBan'],
  ['data_mismatch', 'Персональні дані не збігаються з реєстрами або зміна даних без підтвердного документа', 'Personal data do not match the registries, or a data change without a supporting document', 'identityMatches'],
  ['incomplete_data', 'Неповні чи недостовірні дані або ознаки підробки', 'Incomplete or unreliable data, or signs of forgery', null],
  ['no_residence', 'Відсутнє зареєстроване місце проживання (крім внутрішньо переміщених осіб)', 'No registered place of residence (internally displaced persons excepted)', null],
  ['photo_unsuitable', 'Фотографія або підпис непридатні', 'The photo or the signature is unsuitable', null],
  ['payment_not_confirmed', 'Оплату не підтверджено або обрано не ту послугу чи підставу', 'Payment not confirmed, or the wrong service or ground chosen', 'paymentConfirmed'],
  ['duplicate', 'Дублікат заяви, яка вже перебуває в роботі', 'Duplicate of an application already in work', null],
];
