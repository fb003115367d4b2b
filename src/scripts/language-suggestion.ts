// Shows the note offering this page in the browser's first language, when that is not the page's and the site has
// it. No redirect, no cookie: closing it lasts as long as the page.
const first = navigator.languages[0]?.toLowerCase().split('-')[0];
const suggestion =
  first && first !== document.documentElement.lang ? document.querySelector<HTMLElement>(`[data-language-suggestion="${first}"]`) : null;
if (suggestion) {
  suggestion.hidden = false;
  suggestion.querySelector('[data-language-suggestion-close]')!.addEventListener('click', () => (suggestion.hidden = true));
}
