import { useQuery } from '@tanstack/react-query';
import type { ReportPeriod } from '../../../../shared/reports/period';
import { api } from '../../api/client';

export const reportQueryKey = (period: ReportPeriod) => ['reports.get', period.from, period.to] as const;

/** The center's report for a period, computed by the core from the local store. */
export function useReport(period: ReportPeriod | null) {
  return useQuery({
    queryKey: period ? reportQueryKey(period) : ['reports.get', 'none'],
    queryFn: () => api.call('reports.get', { period: period! }),
    enabled: period !== null,
    retry: false,
  });
}
