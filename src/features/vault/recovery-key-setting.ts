// Whether the practitioner has confirmed storing the profile's current recovery key. Kept as a
// (non-sensitive) setting so a key that was on screen when the device locked is not silently
// forgotten: the next unlock says so and points to "Get a new recovery key".
export const RECOVERY_KEY_CONFIRMED_SETTING = "recovery-key-confirmed";
