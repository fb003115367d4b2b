/** A part of the deployment that must be there and is not: answered as "unavailable", never as an error page. */
export class MissingConfiguration extends Error {
  constructor(what: string) {
    super(`${what} is not configured`);
    this.name = 'MissingConfiguration';
  }
}
