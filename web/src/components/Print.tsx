import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useT } from '../i18n';
import { dateTime } from '../format';

/** Prints the page as an A4 form (app.css's print rules drop the navigation and the controls). */
export function PrintButton() {
  const { t } = useT();
  return <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print" data-testid="print">{t('打印', 'Print')}</Button>;
}

/** The heading only the printed page carries: whose form it is and when it was printed. */
export function PrintHeader({ title }: { title: string }) {
  return (
    <div className="print-only" data-testid="print-header" style={{ textAlign: 'center', marginBottom: 12 }}>
      <div style={{ fontSize: 20, fontWeight: 600 }}>县财政局 · {title}</div>
      <div style={{ fontSize: 12 }}>打印时间 {dateTime(new Date().toISOString())}</div>
    </div>
  );
}
