/** Numbers as SCORM and xAPI want them: a leading digit, no exponent (LMS-RULES.md rule 27). */
export function decimal(value: number, maxFractionDigits = 7): string {
  if (!Number.isFinite(value)) return '0';
  const fixed = value.toFixed(maxFractionDigits);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}
