import type { DocumentData } from '../../../../../shared/api/paperwork';
import { AddressLabel } from './AddressLabel';
import { BatchList } from './BatchList';
import { DailyRegister } from './DailyRegister';
import { HandoverReceipt } from './HandoverReceipt';
import type { PageContext } from './Paper';
import { ProductionOrder } from './ProductionOrder';
import { RefusalNotice } from './RefusalNotice';

/** The sheets of one document, laid out from `paperwork.documentData` and nothing else. */
export function DocumentPages({ data, training }: { data: DocumentData; training: boolean }) {
  const page: PageContext = { header: { center: data.center, date: data.date, preparedAt: data.preparedAt, operator: data.operator }, training };
  switch (data.document) {
    case 'production_order':
      return <ProductionOrder data={data} {...page} />;
    case 'handover_receipt':
      return <HandoverReceipt data={data} {...page} />;
    case 'address_label':
      return <AddressLabel data={data} {...page} />;
    case 'refusal_notice':
      return <RefusalNotice data={data} {...page} />;
    case 'batch_list':
      return <BatchList data={data} {...page} />;
    case 'daily_register':
      return <DailyRegister data={data} {...page} />;
  }
}
