import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
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
