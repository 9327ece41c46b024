import type { PrismaClient } from '../../prisma/client';
import { chainPositionLabel } from '../../domain';
import type { Mailer } from '../mail';
import type { ChainSubjects } from './subjects';
import { onBehalfOfLines } from './task-mail';

/** A notice the API asks the worker to mail once: a task handed over, an opinion asked, an opinion given. */
export interface NoticeInput {
  kind: 'task_handed_over' | 'consultation_asked' | 'consultation_answered';
  /** the task (hand-over) or the consultation the notice is about */
  id: string;
  /** the mail's key: one message per key, however often the activity runs */
  key: string;
}

/**
 * Mails the notices of delegation and consultation (转交 / 征求意见), Chinese first, each with a link
 * to where the recipient acts in the web app. Keyed, so a retried activity sends nothing twice.
 */
export function createNoticeActivities({ prisma, mailer, publicUrl }: { prisma: PrismaClient; mailer: Mailer; publicUrl: string }, subjects: Record<string, ChainSubjects>) {
  const about = async (chain: string, subjectId: string, step: string) => {
    const c = subjects[chain];
    if (!c) throw new Error(`no chain ${chain} is registered with the worker`);
    return { facts: (await c.load(prisma, subjectId)).facts, step: chainPositionLabel(c.definition, step) };
  };
  return {
    async mailNotice(i: NoticeInput): Promise<void> {
      if (i.kind === 'task_handed_over') {
        const task = await prisma.task.findUniqueOrThrow({ where: { id: i.id }, include: { assignee: true, delegate: true } });
        if (!task.delegate || task.status !== 'open') return; // handed back, or decided before the mail went
        const { facts, step } = await about(task.subjectType, task.subjectId, task.step);
        return mailer.send({
          key: i.key, to: task.delegate.email,
          subject: `【转交待办】【代 ${task.assignee.displayName} 办理】${facts.noun.zh} ${facts.number}：${step.zh} / Task handed to you: ${step.en}`,
          text: [...onBehalfOfLines({ name: task.assignee.displayName, why: 'hand_over' }), '', ...facts.lines, '', `办理 / Open the task: ${publicUrl}/tasks/${task.id}`].join('\n'),
        });
      }
      const c = await prisma.consultation.findUniqueOrThrow({ where: { id: i.id }, include: { askedBy: true, consultee: true } });
      const { facts, step } = await about(c.subjectType, c.subjectId, c.step);
      if (i.kind === 'consultation_asked') {
        return mailer.send({
          key: i.key, to: c.consultee.email,
          subject: `【征求意见】${facts.noun.zh} ${facts.number}：${step.zh} / Your opinion is asked: ${step.en}`,
          text: [
            `${c.askedBy.displayName} 在办理「${step.zh}」前征求您的意见（您只发表意见，不作审批决定）：`,
            `${c.askedBy.displayName} asks your opinion before deciding "${step.en}" (you give an opinion; you do not decide):`,
            '', c.question, '', ...facts.lines, '',
            `答复 / Answer: ${publicUrl}/consultations/${c.id}`,
          ].join('\n'),
        });
      }
      return mailer.send({
        key: i.key, to: c.askedBy.email,
        subject: `【意见已答复】${facts.noun.zh} ${facts.number}：${c.consultee.displayName} / Opinion given`,
        text: [
          `${c.consultee.displayName} 答复了您就「${step.zh}」征求的意见：`, `${c.consultee.displayName} answered the opinion you asked about "${step.en}":`,
          '', c.answer ?? '', '', ...facts.lines, '', `办理 / Open the task: ${publicUrl}/tasks/${c.taskId}`,
        ].join('\n'),
      });
    },
  };
}
