// Loaded before every test file (see vite.config.ts). Adds the jest-dom matchers (toBeInTheDocument,
// toHaveAccessibleName, …) to Vitest's expect. Testing Library unmounts after each test on its own
// because `globals: true` exposes afterEach.
import "@testing-library/jest-dom/vitest";
