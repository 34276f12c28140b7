// Plain JavaScript like the rest of bin/: loaded by bin/baton.js (and bench/startup.ts) before
// the TypeScript sources, to make loading them cheaper at every start (docs/performance.md,
// "Start").
import { enableCompileCache, registerHooks } from "node:module";

// What Node.js compiled (type stripping included) is kept in its compile cache, by default in
// the temp folder, checked against each file's content: later starts skip about a third of the
// compile work. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
enableCompileCache();

// Node.js 24 reads the nearest package.json for every module it resolves (to learn whether a
// `.js` file is ESM, and to map a package name through "exports"), and each time it parses that
// file's whole "exports" map again (package_json_reader spreads its lazily parsed fields).
// drizzle-orm has hundreds of `.js` files under one 180 kB package.json, and Baton's sources
// import it from hundreds of files: about 1 s of CPU and 100–190 MB of short-lived heap at every
// start (docs/performance.md, "Start"). Two shortcuts, each giving what Node.js would:
// - a relative import between drizzle-orm's own files is the specifier against its parent, and
//   the package says "type": "module";
// - a package name imported from Baton's own sources resolves the same from every one of them,
//   so the first answer is kept.
// Everything else resolves as Node.js would.

const DRIZZLE = "/node_modules/drizzle-orm/";
const bare = /^(?![./#]|node:|file:|data:)/;
const resolved = new Map();

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (!parent?.startsWith("file:")) return nextResolve(specifier, context);
    if (
      parent.includes(DRIZZLE) &&
      (specifier.startsWith("./") || specifier.startsWith("../")) &&
      specifier.endsWith(".js")
    ) {
      const url = new URL(specifier, parent).href;
      // Only within the package: its "type" says nothing about files outside it.
      if (url.includes(DRIZZLE)) return { url, format: "module", shortCircuit: true };
    }
    if (!parent.includes("/node_modules/") && bare.test(specifier)) {
      const key = `${specifier}\0${context.conditions?.join(",")}`;
      const known = resolved.get(key);
      if (known) return known;
      const result = nextResolve(specifier, context);
      resolved.set(key, { url: result.url, format: result.format, shortCircuit: true });
      return result;
    }
    return nextResolve(specifier, context);
  },
});
