import { registerHooks } from "node:module";

// openapi-typescript prints its output with the TypeScript 5 compiler API, which the project's
// TypeScript 7 (the native compiler) no longer has: it alone is given TypeScript 5.
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === "typescript" && context.parentURL?.includes("/openapi-typescript/"))
      return nextResolve("typescript5", context);
    return nextResolve(specifier, context);
  },
});
