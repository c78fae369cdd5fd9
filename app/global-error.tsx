"use client";

/** The last resort: the root layout itself failed, so this page brings its own <html>. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100vh", margin: 0 }}>
        <main style={{ maxWidth: 420, textAlign: "center", padding: 24 }}>
          <h1 style={{ fontSize: 22 }}>DeskOps could not load</h1>
          <p style={{ color: "#555" }}>Something went wrong on our side. Try again in a moment.</p>
          {error.digest ? <p style={{ fontFamily: "monospace", fontSize: 12, color: "#555" }}>Reference: {error.digest}</p> : null}
          <button type="button" onClick={reset} style={{ padding: "8px 16px", borderRadius: 6, border: "1px solid #ccc", background: "white" }}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
