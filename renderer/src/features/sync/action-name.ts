import { useTranslation } from 'react-i18next';

/** A local action by name (claim, approve, card_arrived, …), or the code itself when this version does not know it. */
export function useActionName(): (action: string) => string {
  const { t } = useTranslation();
  return (action) => t(`sync.action.${action}`, { defaultValue: action });
}
