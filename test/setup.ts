// Loaded before every test file (see vite.config.ts). Adds the jest-dom matchers (toBeInTheDocument,
// toHaveAccessibleName, …) to Vitest's expect. Testing Library unmounts after each test on its own
// because `globals: true` exposes afterEach.
import "@testing-library/jest-dom/vitest";
import { configure } from "@testing-library/react";

// findBy… and waitFor wait for an outcome, not for a time: on a loaded two-core machine a screen that
// seals with Web Crypto can take more than Testing Library's default second to show what it will show.
// A test still fails if the outcome never comes; it no longer fails because the machine was busy.
configure({ asyncUtilTimeout: 5_000 });
