// CruzJS's decorators are inversify's own, so classes written with either work the same.
// esbuild emits no design:paramtypes metadata: every constructor parameter needs an explicit @Inject(TOKEN).
export { injectable as Injectable, inject as Inject, multiInject as MultiInject } from 'inversify';
