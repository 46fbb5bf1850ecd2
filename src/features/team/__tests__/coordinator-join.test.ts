// A MARAC coordinator's device joins in the app (issue 17): the area's code enrols it in the area, the
// first coordinator's device sets up the area key, and its inbox syncs where a team device's engine would.
import { FakeTeamApi, AREA_ID } from "../../../testing/fake-team-api";
import { teamDevice } from "./team-test-support";

describe("a MARAC coordinator joining", () => {
  it("enrols in its area with the operator's code, makes the area key, and syncs its inbox", async () => {
    const api = new FakeTeamApi();
    const device = await teamDevice(api, "MARAC Coordinator");
    const enrolled = await device.controller.join(api.firstCoordinatorCode());
    expect(enrolled).toMatchObject({ role: "coordinator", areaId: AREA_ID, status: "approved" });
    expect((await device.controller.identity())?.enrolment).toMatchObject({ role: "coordinator", areaId: AREA_ID });
    expect(api.areaKey).not.toBeNull();

    const state = await device.controller.syncNow();
    expect(state).toMatchObject({ membership: "approved", problem: null });
    expect(api.requests).toContain("GET /api/area/envelopes");
    expect(api.requests).not.toContain("GET /api/envelopes");
    const inbox = (await device.controller.teamSync()).maracCoordinator();
    expect(await inbox.area()).toEqual({ areaId: AREA_ID, name: "Northshire MARAC" });
    expect(await inbox.inbox()).toEqual([]);
  });
});
