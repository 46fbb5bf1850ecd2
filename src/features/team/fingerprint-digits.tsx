// A fingerprint as people compare it by eye or read it aloud: six groups of four digits, large, each
// group its own box. Screen readers hear the digits one by one ("1 2 3 4, 5 6 7 8 …") rather than
// "one thousand two hundred…", so a manager listening can compare them as the device's user hears them.
export interface FingerprintDigitsProps {
  /** "1234 5678 9012 3456 7890 1234". */
  fingerprint: string;
  /** Names the group, e.g. "This device's numbers". */
  label: string;
}

export function FingerprintDigits({ fingerprint, label }: FingerprintDigitsProps) {
  const groups = fingerprint.trim().split(/\s+/);
  const spoken = groups.map((group) => group.split("").join(" ")).join(", ");
  return (
    <p className="fingerprint" role="group" aria-label={`${label}: ${spoken}`}>
      {groups.map((group, index) => (
        <span key={index} className="fingerprint__group" aria-hidden="true">
          {group}
        </span>
      ))}
    </p>
  );
}
