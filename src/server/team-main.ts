/** Entry point of `npm run team`: see team-command.ts. */
import { runTeamCommand } from "./team-command";

const result = await runTeamCommand(process.argv.slice(2), process.env);
(result.code === 0 ? console.log : console.error)(result.out);
process.exitCode = result.code;
