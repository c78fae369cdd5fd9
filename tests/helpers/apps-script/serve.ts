// Runs the fake Apps Script web app in a process of its own (tests' global setup starts it):
// Code.gs's UrlFetchApp is synchronous and blocks its process while DeskOps answers, so it must
// not share a process with the stack that answers. Prints {"url", "controlUrl"} when listening.
import { startFakeWebApp } from "./web-app";

const secret = process.env.WEBHOOK_SECRET;
if (!secret) throw new Error("WEBHOOK_SECRET is not set");
const app = await startFakeWebApp({ secret, port: Number(process.env.PORT ?? 0), deskopsWebhookUrl: process.env.DESKOPS_WEBHOOK_URL });
process.stdout.write(`${JSON.stringify({ url: app.url, controlUrl: app.controlUrl })}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
