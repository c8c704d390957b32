/**
 * Message bodies per target kind: generic JSON, Discord `{content, embeds}`, Slack
 * `{text, blocks}`, Telegram `sendMessage`. Each carries a readable text and a dashboard link.
 */
import type { Alert } from "../src/alerts/types";
import type { Target } from "./config";

const SEVERITY_COLOR: Record<Alert["severity"], number> = { info: 0x3b82f6, warning: 0xf59e0b, critical: 0xdc2626 };
const SEVERITY_ICON: Record<Alert["severity"], string> = { info: "ℹ️", warning: "⚠️", critical: "🚨" };

/** Dashboard link of an alert (the dashboard is the page at the root of `dashboardUrl`). */
export function alertLink(dashboardUrl: string, alert: Alert): string {
  return `${dashboardUrl}/?epoch=${alert.epoch}&alert=${alert.id}`;
}

/** One line: `⚠️ [warning] title (epoch 2938, provisional)`. */
export function alertHeadline(alert: Alert): string {
  return `${SEVERITY_ICON[alert.severity]} [${alert.severity}] ${alert.title} (epoch ${alert.epoch}${alert.provisional ? ", provisional" : ""})`;
}

/** The JSON body POSTed to `target` for `alert`. */
export function formatPayload(target: Target, alert: Alert, dashboardUrl: string): unknown {
  const link = alertLink(dashboardUrl, alert);
  const headline = alertHeadline(alert);
  switch (target.name) {
    case "json":
      return { key: `${alert.id}:${target.name}`, link, text: `${headline}\n${alert.message}`, alert };
    case "discord":
      return {
        content: truncate(headline, 2000),
        embeds: [
          {
            title: truncate(alert.title, 256),
            description: truncate(alert.message, 4096),
            url: link,
            color: SEVERITY_COLOR[alert.severity],
            timestamp: new Date(alert.ts * 1000).toISOString(),
            fields: [
              { name: "Rule", value: alert.rule, inline: true },
              { name: "Epoch", value: String(alert.epoch), inline: true },
              { name: "Season", value: String(alert.season), inline: true },
            ],
            footer: { text: `ve-lens alert ${alert.id}` },
          },
        ],
        allowed_mentions: { parse: [] },
      };
    case "slack":
      return {
        text: `${headline}: ${alert.message}`,
        blocks: [
          { type: "section", text: { type: "mrkdwn", text: `*${slackEscape(headline)}*\n${slackEscape(alert.message)}` } },
          {
            type: "context",
            elements: [
              { type: "mrkdwn", text: `rule \`${slackEscape(alert.rule)}\` · season ${alert.season} · <${link}|open in the dashboard>` },
            ],
          },
        ],
      };
    case "telegram":
      return {
        chat_id: target.chatId,
        text: truncate(`<b>${htmlEscape(headline)}</b>\n${htmlEscape(alert.message)}\n<a href="${htmlEscape(link)}">Open in the dashboard</a>`, 4096),
        parse_mode: "HTML",
        disable_web_page_preview: true,
      };
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function htmlEscape(text: string): string {
  return slackEscape(text).replace(/"/g, "&quot;");
}
