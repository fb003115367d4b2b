/** Each field's problem in the reader's words: `messages` is a dictionary's list of them (`pledge.errors`…). */
export function errorMessages<Code extends string>(
  errors: Partial<Record<string, Code>>,
  messages: Record<Code, string>,
): Partial<Record<string, string>> {
  return Object.fromEntries(Object.entries(errors).flatMap(([field, code]) => (code ? [[field, messages[code]]] : [])));
}
