// Streams a request to an upstream HTTP server and its answer back, without buffering bodies.
import { request, type IncomingMessage, type ServerResponse } from "node:http";
import { sendJson } from "./http";

// Hop-by-hop headers are meaningful only for one connection and must not be forwarded.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

export function proxyRequest(req: IncomingMessage, res: ServerResponse, target: URL): Promise<void> {
  return new Promise((resolve) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name) && name !== "host") headers[name] = value;
    }
    headers["x-forwarded-for"] = req.socket.remoteAddress ?? "127.0.0.1";
    const upstream = request(target, { method: req.method, headers }, (answer) => {
      const responseHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) responseHeaders[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, responseHeaders);
      answer.pipe(res);
      answer.once("end", () => resolve());
      answer.once("error", () => resolve());
    });
    upstream.once("error", (error) => {
      // The upstream is down or restarting (the stack restarts a crashed one): a client retries.
      if (!res.headersSent) sendJson(res, 503, { message: `Upstream unavailable: ${error.message}` }, { "retry-after": "1" });
      else res.destroy();
      resolve();
    });
    req.pipe(upstream);
  });
}
