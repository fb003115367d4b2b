/** A `tel:` or `sms:` address from a number as people write it: "08000 121 700" → "tel:08000121700". */
export function dialHref(scheme: 'tel' | 'sms', number: string): string {
  return `${scheme}:${number.replace(/[^+0-9]/g, '')}`;
}
