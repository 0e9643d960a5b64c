/**
 * "Surname G. P." from "Surname Given Patronymic", as Ukrainian registers write a person in a list: the surname
 * whole, each further name by its first letter. A part with no letter (stray marks in outside data) gives no
 * initial; anything past the third name is left to the full name (in the row's tooltip and on the application).
 */
export function surnameWithInitials(fullName: string): string {
  const [surname = '', ...rest] = fullName.trim().split(/\s+/);
  const initials = rest
    .slice(0, 2)
    .map((part) => /\p{L}/u.exec(part)?.[0])
    .filter((letter): letter is string => letter !== undefined)
    .map((letter) => `${letter.toLocaleUpperCase('uk')}.`);
  return [surname, ...initials].join(' ');
}
