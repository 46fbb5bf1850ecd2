/// <reference types="vite/client" />
import "./zod-jitless";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import { registerServiceWorker } from "./features/app-update/app-updates";
import "./app/app.css";
import "./ui/forms.css";
import { openDatabase } from "./storage/db";
import { Vault } from "./storage/vault";

const container = document.getElementById("root");
if (!container) throw new Error("Safe Referral: the #root element is missing from index.html");

// Always the storage layer's default PBKDF2 cost (see DEFAULT_PBKDF2_ITERATIONS): there is no
// test or dev override in the app, so what the e2e tests unlock is exactly what ships.
const vault = new Vault({ db: openDatabase() });

createRoot(container).render(
  <StrictMode>
    <App vault={vault} />
  </StrictMode>,
);

// The service worker (offline app shell) is registered once the page has loaded, so neither it nor
// workbox-window (loaded on demand) delays the first screen. Built apps only, never under the dev
// server (the one place import.meta.hot exists): a worker caching dev modules would serve stale code.
// (Not import.meta.env.PROD: builds made inside Vitest, as the e2e tests do, have NODE_ENV=test.)
if (!import.meta.hot) {
  const start = (): void => {
    registerServiceWorker().catch(() => {
      // Offline use is unavailable (e.g. private browsing); the app still works while online.
    });
  };
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}
