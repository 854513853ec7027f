import nodemailer from "nodemailer";
import { NOTICE_LABELS } from "@/lib/notifications/kinds";
import type { Db } from "../prisma";

export const MAIL_FROM = process.env.MAIL_FROM || "政府信息公开工作年度报告 <noreply@localhost>";

/**
 * The e-mail of one notice, run by the job queue (a job per notice; a thrown error makes pg-boss
 * retry it). Goes only to its own recipient, when SMTP_URL is set, the recipient has an address
 * and has not turned e-mail off on /account. Returns whether a message was sent.
 */
export async function sendNoticeEmail(db: Db, notificationId: string, smtpUrl = process.env.SMTP_URL): Promise<boolean> {
  if (!smtpUrl) return false;
  const n = await db.notification.findUnique({
    where: { id: notificationId },
    select: { kind: true, text: true, year: true, reportId: true, recipient: { select: { email: true, emailNotices: true, active: true, displayName: true } } },
  });
  if (!n || !n.recipient.email || !n.recipient.emailNotices || !n.recipient.active) return false;
  const agency = n.reportId ? (await db.report.findUnique({ where: { id: n.reportId }, select: { agency: { select: { name: true } } } }))?.agency.name : null;
  const subject = `【${NOTICE_LABELS[n.kind]}】${agency && n.year ? `${agency}${n.year}年度报告` : n.text.slice(0, 40)}`;
  const base = process.env.NEXTAUTH_URL?.replace(/\/$/, "");
  const text = [`${n.recipient.displayName}，您好：`, "", n.text, "", base ? `查看通知：${base}/notifications` : "请登录系统查看通知。", "", "（本邮件由系统自动发送，如不需要邮件通知，可在“账号设置”中关闭。）"].join("\n");
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail({ from: MAIL_FROM, to: n.recipient.email, subject, text });
  } finally {
    transport.close();
  }
  return true;
}
