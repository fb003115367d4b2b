// Whether this is a pull request's preview build (`npm run preview:deploy`, WALKAWAY_PREVIEW_BUILD=1 at build time):
// it shows drafts, is never indexed, and is deployed only as the preview Worker (wrangler.jsonc env.preview), never
// as the site. A release build (`npm run release`, `npm run deploy`) never sets it: scripts/deploy.ts refuses to.
export const isPreviewBuild: boolean = __WALKAWAY_PREVIEW_BUILD__;
