/**
 * A `tel:` or `sms:` address from a number as people write it: "08000 121 700" → "tel:08000121700".
 * The "(0)" of "+44 (0) 20 …" is only dialled from inside the country, so it is dropped.
 */
export function dialHref(scheme: 'tel' | 'sms', number: string): string {
  return `${scheme}:${number.replace(/\(0\)/g, '').replace(/[^+0-9]/g, '')}`;
}
