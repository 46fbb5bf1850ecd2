// Test vectors made with the team server's own code (src/domain/team-sync on the team-server branch:
// deviceFingerprint, sealToPublicKey, challengeSigningInput, envelopeSigningInput), so these tests fail
// if the browser's bytes and the server's ever drift apart. The keys are throwaway test keys.
export const SERVER_VECTORS = {
  ecdhPublicKey: "BGtga3KcJy4biXXoXYQtl6kyzL6K/9x3dcLW7XS0jFzpBsZc9xDWda5QGPdUbg0eIYNbL+3YuHx+g828REeTGHs=",
  ecdhPrivatePkcs8:
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgs5VEJX0zmwmh1flTTt3AgAF/BtdOSIZjx5H9Hm/g/KShRANCAARrYGtynCcuG4l16F2ELZepMsy+iv/cd3XC1u10tIxc6QbGXPcQ1nWuUBj3VG4NHiGDWy/t2Lh8foPNvERHkxh7",
  ecdsaPublicKey: "BOdrb4fh8RMsYCnXYzyj1fhHIZoYWrwucC2ryunYai2Zq5w9nHHcKfjB7Ou2u94mS6dQkVilC6YcthonoJ68yX0=",
  fingerprint: "0125 4473 3629 7894 6714 1402",
  keyId: "5b0c7c9e-3f6a-4d1e-9a51-0c2f0d7e8a11",
  /** 32 bytes of 7, sealed by the server's sealToPublicKey to ecdhPublicKey under caseKeyPurpose(keyId). */
  sealedCaseKey:
    "AQTp/Ko8w1zrVWLdFPKW1GqTtdn+QntnMqGIcNG2LWVTWIWuDYGdc3LEkMOTYFe2Y7FCGhIicIbIBVqjMX20MCZ6xMUYfyioYa2AoWFasdQCFWXJTeAmnq0j/0jtXmbsRpaRLsFvzLNzXAoDpov4Iapi0nDBMDQDK+x4+X8M",
  challenge: {
    challengeId: "2f1d9a55-8d43-4c2e-b1b7-6a0e4b1d3c99",
    nonceByte: 9,
    inputSha256: "faf1c6ada9d9cb20af7d254fe5ab88a09cd2ee2b074afd7c9bb5e6ece34801d8",
  },
  envelope: {
    teamId: "0e8f1c52-0b7a-4b63-9a4f-1f5c2a7d9e01",
    recordId: "8a3b5c7d-1e2f-4a6b-8c9d-0e1f2a3b4c5d",
    ciphertext: [1, 2, 3, 4, 5],
    /** Version 3 made on a parent whose signature is 64 bytes of 6. */
    version3ParentByte: 6,
    version3InputSha256: "33db54084fc9ab7c93f5c41af91762788cf75da7d880da537d9968b1049f17cf",
    /** Version 1: no parent. */
    version1InputSha256: "bcfee601dac6acb1842489dfa54ab4aeef8127b59777a1beb9aeb4c601959236",
  },
} as const;
