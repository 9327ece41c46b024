import { Link } from 'react-router-dom';
import { useT } from '../i18n';

/** "decided at 县政府第12次常务会议", linking to that meeting on the 会议 page (found by its number). */
export function MeetingLink({ reference }: { reference: string }) {
  const { t } = useT();
  return <>{t('经', 'decided at ')}<Link to={`/meetings?number=${encodeURIComponent(reference)}`} data-testid="meeting-link">{reference}</Link>{t('决定', '')}</>;
}
