import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RefusalReason } from '../../../../shared/api/reference';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { currentLanguage } from '../../i18n';

/** The refusal catalogue the central server publishes (every reason, so old refusals keep their titles). */
export function useRefusalReasons() {
  return useQuery({
    queryKey: queryKeys.refusalReasons,
    queryFn: () => api.call('reference.refusalReasons', { includeInactive: true }),
    staleTime: 10 * 60_000,
  });
}

export function reasonTitle(reason: RefusalReason, language: 'uk' | 'en'): string {
  return language === 'en' ? reason.titleEn : reason.titleUk;
}

/** A reason's title in the interface language: the catalogue's, else this renderer's own, else the code itself. */
export function useReasonTitle(): (code: string) => string {
  const { t, i18n } = useTranslation();
  const reasons = useRefusalReasons().data?.reasons;
  const language = currentLanguage(i18n.language);
  return (code) => {
    const reason = reasons?.find((r) => r.code === code);
    return reason ? reasonTitle(reason, language) : t(`refusalReason.${code}`, { defaultValue: code });
  };
}
