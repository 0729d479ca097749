interface SearchFieldProps {
  /** What the field searches, for screen readers ("Search seats"). */
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}

/** The search box at the head of a list. */
export function SearchField({ label, placeholder, value, onChange }: SearchFieldProps) {
  return <input type="search" className="search-input" placeholder={placeholder} aria-label={label} value={value} onChange={(event) => onChange(event.target.value)} />;
}
