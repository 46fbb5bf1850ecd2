import {
  PRACTITIONER_DETAILS_SETTING,
  readPractitionerDefaults,
  readPractitionerDetails,
  savePractitionerDetails,
} from "../practitioner-details";
import {
  collectStrings,
  dumpAllStores,
  freshVault,
  unlockedSession,
  createUnlockedProfile,
} from "../../testing/test-vault";

describe("the practitioner's own details", () => {
  it("are empty until saved, then read back with blanks left out", async () => {
    const session = await unlockedSession();
    expect(await readPractitionerDetails(session)).toEqual({});

    await savePractitionerDetails(session, {
      name: " PC 1234 Smith ",
      role: "police",
      phone: "",
      email: "a@b.example",
    });
    expect(await readPractitionerDetails(session)).toEqual({
      name: "PC 1234 Smith",
      role: "police",
      email: "a@b.example",
    });
  });

  it("are sealed: the name and phone number never reach IndexedDB in clear", async () => {
    const { db, vault } = freshVault();
    const { session } = await createUnlockedProfile(vault);
    await savePractitionerDetails(session, { name: "Officer Zebedee Quill", phone: "07700 900123" });
    const stored = collectStrings(await dumpAllStores(db)).join("\n");
    expect(stored).not.toContain("Zebedee");
    expect(stored).not.toContain("07700 900123");
  });

  it("drop a field that does not read (an unknown role) and keep the others", async () => {
    const session = await unlockedSession();
    await session.setSetting(
      PRACTITIONER_DETAILS_SETTING,
      { name: "PC 1", role: "sheriff", agencyCode: 42 },
      {
        sensitive: true,
      },
    );
    expect(await readPractitionerDetails(session)).toEqual({ name: "PC 1" });
  });

  it("give a new assessment or case the agency's current name, and leave out an agency since removed", async () => {
    const session = await unlockedSession();
    const agency = await session.addAgency("Anytown Police");
    await savePractitionerDetails(session, { role: "police", agencyCode: agency.code });
    expect(await readPractitionerDefaults(session)).toEqual({ role: "police", agency: "Anytown Police" });

    await session.renameAgency(agency.code, "Anytown Constabulary");
    expect((await readPractitionerDefaults(session)).agency).toBe("Anytown Constabulary");

    await session.removeAgency(agency.code);
    expect(await readPractitionerDefaults(session)).toEqual({ role: "police" });
  });
});
