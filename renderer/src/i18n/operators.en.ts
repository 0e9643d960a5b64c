import type { Catalogue } from './catalogue';
import type { ukOperators } from './operators.uk';

/** English texts of operators managed by IT (issue 12), with exactly the keys of the Ukrainian ones. */
export const enOperators: Catalogue<typeof ukOperators> = {
  passwordChange: {
    title: 'Choose your own password',
    lead: '{{name}}, you signed in with a one-time password from IT. Before you start, set your own password — the one-time password stops working on this workstation at once.',
    offlineNote:
      "The new password works here at once, even offline. At the center's other workstations it works once this workstation has synced with the central server and they have pulled the change.",
    policyTitle: 'The password must:',
    rules: {
      too_short: 'have at least {{min}} characters',
      too_long: 'have at most {{max}} characters',
      needs_letter_and_digit: 'contain a letter and a digit',
      too_simple: 'have at least {{distinct}} different characters and no common word or run of keys (password, qwerty, 12345…)',
      contains_login: 'not contain your login',
    },
    ruleMet: 'met',
    ruleNotMet: 'not met yet',
    newPassword: 'New password',
    repeatPassword: 'Repeat the new password',
    submit: 'Save the password and continue',
    saving: 'Saving…',
    signOut: 'Sign out',
    missing: 'Enter a new password.',
    mismatch: 'The passwords do not match. Type the same password in both fields.',
    broken: 'The password does not meet the rules: {{rules}}.',
    errors: {
      weak_password: 'The password does not meet the rules listed above.',
      password_unchanged: 'This is the one-time password from IT. Choose another one, your own.',
      password_changed: "This account's password changed meanwhile (a new one-time password from IT, or a change at another workstation). Sign in again.",
      operator_disabled: 'IT disabled this account. Ask your supervisor or IT.',
    },
  },
};
