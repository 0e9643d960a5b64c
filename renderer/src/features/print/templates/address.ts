import type { TFunction } from 'i18next';
import type { Address } from '../../../../../shared/domain/application';

/** An address as it is written on an envelope in Ukraine: street and building, locality, region, postcode. */
export function addressLines(address: Address, t: TFunction): string[] {
  const street = [address.street, address.building].filter(Boolean).join(', ');
  const flat = address.apartment ? `, ${t('application.apartment', { apartment: address.apartment })}` : '';
  return [`${street}${flat}`, address.locality, address.region, address.postcode].filter((line) => line.trim() !== '');
}
