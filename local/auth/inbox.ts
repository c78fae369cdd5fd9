// The local stack's mailbox, as the Supabase CLI's Inbucket / Mailpit is: every email the auth
// server would send lands here instead, readable at /inbox in a browser (links clickable) and as
// JSON at /inbox/api/messages[?to=address]. Nothing leaves the machine.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson, type RouteHandler } from "../http";

export interface Mail {
  id: string;
  to: string;
  subject: string;
  html: string;
  /** The links in the HTML, in order: what a developer clicks, and what tests follow. */
  links: string[];
  sentAt: string;
}

export interface Inbox {
  deliver(mail: Omit<Mail, "id" | "sentAt" | "links">): Mail;
  handler: RouteHandler;
}

const KEEP = 500;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character]!);

const unescapeHtml = (text: string) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

function page(mails: Mail[]): string {
  const items = mails
    .map(
      (mail) => `<article><header><strong>${escapeHtml(mail.subject)}</strong><span>to ${escapeHtml(mail.to)} · ${escapeHtml(mail.sentAt)}</span></header>
<iframe sandbox="allow-top-navigation-by-user-activation allow-popups" srcdoc="${escapeHtml(mail.html)}" title="${escapeHtml(mail.subject)}"></iframe></article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local inbox · DeskOps</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem auto;max-width:760px;color:#111}article{border:1px solid #ddd;border-radius:8px;margin:1rem 0;overflow:hidden}
header{display:flex;justify-content:space-between;gap:1rem;padding:.6rem .8rem;background:#f6f6f6}header span{color:#666}iframe{width:100%;height:220px;border:0}</style></head>
<body><h1>Local inbox</h1><p>Emails the local auth server sent (newest first). Nothing here leaves this machine.</p>
${items || "<p>No emails yet. Ask for a password reset or a magic link, and it appears here.</p>"}</body></html>`;
}

export function createInbox(onDeliver: (mail: Mail) => void = () => {}): Inbox {
  const mails: Mail[] = [];

  const deliver: Inbox["deliver"] = (message) => {
    const links = [...message.html.matchAll(/href="([^"]+)"/g)].map((match) => unescapeHtml(match[1]!));
    const mail: Mail = { ...message, id: randomUUID(), links, sentAt: new Date().toISOString() };
    mails.unshift(mail);
    mails.length = Math.min(mails.length, KEEP);
    onDeliver(mail);
    return mail;
  };

  const handler: RouteHandler = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const url = new URL(path, "http://inbox");
    if (req.method !== "GET") return sendJson(res, 405, { message: "The inbox is read-only" });
    const to = url.searchParams.get("to")?.toLowerCase();
    const selected = to ? mails.filter((mail) => mail.to.toLowerCase() === to) : mails;
    if (url.pathname === "/api/messages") return sendJson(res, 200, selected);
    if (url.pathname === "/" || url.pathname === "") {
      const body = page(selected);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body) });
      return void res.end(body);
    }
    sendJson(res, 404, { message: "Not found" });
  };

  return { deliver, handler };
}
