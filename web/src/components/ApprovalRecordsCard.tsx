import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Input, List, Space, Typography } from 'antd';
import { api, ApiError, idempotencyKey } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { dateTime } from '../format';

interface Attachment {
  id: string; fileName: string; contentType: string; size: number; sha256: string; comment: string | null; uploadedAt: string;
  round: number; step: string; uploadedBy: { id: string; displayName: string };
}
interface ChainVerdict {
  intact: boolean; events: number; headHash: string | null;
  firstBroken: { seq: number; eventKey: string; type: string; reason: 'content_changed' | 'link_broken' | 'event_missing' } | null;
}

const REASONS = {
  content_changed: { zh: '内容被改动', en: 'its content was changed' },
  link_broken: { zh: '与前一条记录的链接断开', en: 'its link to the previous event is broken' },
  event_missing: { zh: '前面缺少记录（被删除）', en: 'an event before it is missing (deleted)' },
};

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * The paper trail of a request, loan, policy or change of use: the printable 审批单, the audit chain's verification, and the
 * files attached to its steps (upload, list with SHA-256, download).
 */
export function ApprovalRecordsCard({ path, number, onChanged }: { path: string; number: string; onChanged?: () => void }) {
  const { t, l } = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [files, setFiles] = useState<Attachment[]>([]);
  const [maxBytes, setMaxBytes] = useState(20 * 1024 * 1024);
  const [chain, setChain] = useState<ChainVerdict | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // auditors read everything and add nothing (the API answers them 403)
  const readOnly = !!user && user.roles.every((r) => r.id === 'auditor');

  const load = useCallback(() => api.get<{ items: Attachment[]; maxBytes: number }>(`${path}/attachments`).then((r) => { setFiles(r.items); setMaxBytes(r.maxBytes); }), [path]);
  useEffect(() => { void load(); }, [load]);

  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e));
  const download = (p: string, name: string) => api.download(p, name).catch(fail);

  async function upload() {
    const file = input.current?.files?.[0];
    if (!file) return message.warning(t('请选择文件', 'Choose a file'));
    setBusy(true);
    try {
      const q = new URLSearchParams({ fileName: file.name, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      await api.upload(`${path}/attachments?${q}`, file, idempotencyKey());
      message.success(t('已上传', 'Uploaded'));
      setComment('');
      if (input.current) input.current.value = '';
      await load();
      onChanged?.();
    } catch (e) { fail(e); } finally { setBusy(false); }
  }

  return (
    <Card className="no-print" data-testid="approval-records" title={t('审批单、附件与审计链', 'Approval form, files and audit chain')}>
      <Space wrap>
        <Button type="primary" data-testid="approval-form" onClick={() => download(`${path}/approval-form.pdf`, `审批单-${number}.pdf`)}>{t('下载审批单（PDF）', 'Download approval form (PDF)')}</Button>
        <Button data-testid="verify-chain" onClick={() => api.get<{ chain: ChainVerdict }>(`${path}/audit-chain`).then((r) => setChain(r.chain), fail)}>{t('校验审计链', 'Verify audit chain')}</Button>
      </Space>
      {chain && (
        <Alert style={{ marginTop: 12 }} data-testid="chain-verdict" showIcon type={chain.intact ? 'success' : 'error'}
          message={chain.intact
            ? t(`审计链完整：共 ${chain.events} 条记录`, `The audit chain is intact: ${chain.events} events`)
            : t(`审计链在第 ${chain.firstBroken!.seq} 条记录处断开：${REASONS[chain.firstBroken!.reason].zh}`, `The audit chain breaks at event ${chain.firstBroken!.seq}: ${REASONS[chain.firstBroken!.reason].en}`)}
          description={<Typography.Text copyable={!!chain.headHash} style={{ wordBreak: 'break-all' }}>{t('链头哈希', 'Head hash')}：{chain.headHash ?? '—'}</Typography.Text>} />
      )}
      <List style={{ marginTop: 12 }} size="small" data-testid="attachments" dataSource={files} locale={{ emptyText: t('暂无附件', 'No files') }}
        renderItem={(f) => (
          <List.Item actions={[<Button key="d" size="small" onClick={() => download(`/attachments/${f.id}`, f.fileName)}>{t('下载', 'Download')}</Button>]}>
            <List.Item.Meta title={`${f.fileName}（${size(f.size)}）`} description={<>
              <div>{f.uploadedBy.displayName} · {dateTime(f.uploadedAt)}{f.comment ? ` · ${f.comment}` : ''}</div>
              <Typography.Text type="secondary" style={{ wordBreak: 'break-all', fontSize: 12 }}>SHA-256 {f.sha256}</Typography.Text>
            </>} />
          </List.Item>
        )} />
      {!readOnly && (
        <Space wrap style={{ marginTop: 12, width: '100%' }}>
          <input ref={input} type="file" data-testid="attachment-file" accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx" style={{ maxWidth: '100%' }} />
          <Input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('说明（可选）', 'Comment (optional)')} maxLength={2000} style={{ width: 'min(280px, 80vw)' }} />
          <Button loading={busy} onClick={upload} data-testid="attachment-upload">{t('上传附件', 'Attach file')}</Button>
          <Typography.Text type="secondary">{l({ zh: `PDF、图片、Office 文档，不超过 ${size(maxBytes)}`, en: `PDF, images, Office documents, up to ${size(maxBytes)}` })}</Typography.Text>
        </Space>
      )}
    </Card>
  );
}
