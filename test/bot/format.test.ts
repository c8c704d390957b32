/**
 * bot/format.ts: the whole body of each target kind for one alert, written out by hand, and the
 * length limits at their edges.
 */
import { describe, expect, it } from "vitest";
import { formatPayload } from "../../bot/format";
import { sampleAlert } from "../alerts/fixtures";

const DASH = "https://dash.example";
const alert = sampleAlert(1_700_000_000, "ab", {
  rule: "top<1>",
  severity: "critical",
  epoch: 1405,
  season: 3,
  title: "Top voter holds 61%",
  message: 'One voter & friends hold "61%" <of> votes',
});
const ID = "000000000000000000000000000000ab";
const LINK = `${DASH}/?epoch=1405&alert=${ID}`;
const HEADLINE = "🚨 [critical] Top voter holds 61% (epoch 1405)";

describe("formatPayload, whole bodies", () => {
  it("Discord: content, one embed with its fields and footer, no mentions", () => {
    expect(formatPayload({ name: "discord", url: "u" }, alert, DASH)).toEqual({
      content: HEADLINE,
      embeds: [
        {
          title: "Top voter holds 61%",
          description: 'One voter & friends hold "61%" <of> votes',
          url: LINK,
          color: 0xdc2626,
          timestamp: "2023-11-14T22:13:20.000Z",
          fields: [
            { name: "Rule", value: "top<1>", inline: true },
            { name: "Epoch", value: "1405", inline: true },
            { name: "Season", value: "3", inline: true },
          ],
          footer: { text: `ve-lens alert ${ID}` },
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it("Slack: text and two blocks, escaped for mrkdwn", () => {
    expect(formatPayload({ name: "slack", url: "u" }, alert, DASH)).toEqual({
      text: `${HEADLINE}: One voter & friends hold "61%" <of> votes`,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `*${HEADLINE}*\nOne voter &amp; friends hold "61%" &lt;of&gt; votes` } },
        { type: "context", elements: [{ type: "mrkdwn", text: `rule \`top&lt;1&gt;\` · season 3 · <${LINK}|open in the dashboard>` }] },
      ],
    });
  });

  it("Telegram: HTML with quotes escaped, the chat id, no preview", () => {
    expect(formatPayload({ name: "telegram", url: "u", chatId: "@c" }, alert, DASH)).toEqual({
      chat_id: "@c",
      text: `<b>${HEADLINE}</b>\nOne voter &amp; friends hold &quot;61%&quot; &lt;of&gt; votes\n<a href="${DASH}/?epoch=1405&amp;alert=${ID}">Open in the dashboard</a>`,
      parse_mode: "HTML",
      disable_web_page_preview: true,
    });
  });

  it("the severity's icon and colour, and a provisional epoch in the headline", () => {
    const icon = (severity: "info" | "warning" | "critical") =>
      (formatPayload({ name: "discord", url: "u" }, { ...alert, severity, provisional: true }, DASH) as { content: string; embeds: { color: number }[] });
    expect(icon("info").content).toBe("ℹ️ [info] Top voter holds 61% (epoch 1405, provisional)");
    expect(icon("warning").content).toBe("⚠️ [warning] Top voter holds 61% (epoch 1405, provisional)");
    expect([icon("info").embeds[0]!.color, icon("warning").embeds[0]!.color]).toEqual([0x3b82f6, 0xf59e0b]);
  });
});

describe("formatPayload, length limits", () => {
  const title = (n: number) => (formatPayload({ name: "discord", url: "u" }, { ...alert, title: "x".repeat(n) }, DASH) as { embeds: { title: string }[] }).embeds[0]!.title;
  it("keeps a Discord title of exactly 256 characters and cuts one of 257 to 255 and an ellipsis", () => {
    expect(title(256)).toBe("x".repeat(256));
    expect(title(257)).toBe(`${"x".repeat(255)}…`);
    expect(title(257)).toHaveLength(256);
  });

  it("cuts a Telegram text to 4,096 characters", () => {
    const text = (formatPayload({ name: "telegram", url: "u", chatId: "1" }, { ...alert, message: "y".repeat(5000) }, DASH) as { text: string }).text;
    expect(text).toHaveLength(4096);
    expect(text.endsWith("y…")).toBe(true);
  });
});
