import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Code that touches the database or a secret must never reach a browser bundle. Such modules
// begin with `import "server-only"`, which fails `next build` when a client component imports
// them, however indirectly. This suite keeps the marker where it belongs: a new module that
// queries the database without it, or a client component that reaches one, fails here first.

const ROOT = path.resolve(import.meta.dirname, "..");

/** What makes a module server-only: the database, cryptography and secrets, the mail provider. */
const SERVER_IMPORTS = [
  /^@\/db\/client$/,
  /^drizzle-orm(\/|$)/,
  /^postgres$/,
  /^@electric-sql\/pglite/,
  /^node:crypto$/,
  /^@\/lib\/crypto\//,
  /^@\/lib\/auth\/secret$/,
  /^@node-rs\/argon2$/,
  /^resend$/,
];
const READS_SECRET = /process\.env\.(AUTH_SECRET|DATABASE_URL|RESEND_API_KEY|ROSTER_DEV_MAILBOX_TOKEN)\b/;

/** Not marked, on purpose. */
const EXEMPT: Record<string, string> = {
  "db/schema.ts":
    "table definitions only; drizzle-kit loads it in plain Node, and client components import its types",
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string) {
  if (!parsed.has(file)) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    parsed.set(file, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  }
  return parsed.get(file)!;
}

/** The modules a file imports at run time (type-only imports are erased and do not count). */
function runtimeImports(file: string): string[] {
  return parse(file).statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) return [];
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0
          ? bindings.elements.every((element) => element.isTypeOnly)
          : false;
      return onlyTypes ? [] : [(statement.moduleSpecifier as ts.StringLiteral).text];
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      return [(statement.moduleSpecifier as ts.StringLiteral).text];
    }
    return [];
  });
}

/** Every module a file imports, types included: a type from db/client means database code. */
const allImports = (file: string) =>
  parse(file).statements.flatMap((statement) =>
    ts.isImportDeclaration(statement) ? [(statement.moduleSpecifier as ts.StringLiteral).text] : [],
  );

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? specifier.slice(2)
    : specifier.startsWith(".")
      ? path.join(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(ROOT, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return path.normalize(candidate);
  }
  return null;
}

const directive = (file: string, name: string) => {
  const first = parse(file).statements[0];
  return Boolean(
    first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === name,
  );
};

const isMarked = (file: string) => runtimeImports(file).includes("server-only");

describe('import "server-only"', () => {
  const serverModules = ["db/client.ts", ...sourceFiles("lib")].filter((file) => !(file in EXEMPT));

  it("marks every module that touches the database or a secret", () => {
    const touching = serverModules.filter(
      (file) =>
        allImports(file).some((specifier) => SERVER_IMPORTS.some((pattern) => pattern.test(specifier))) ||
        READS_SECRET.test(parse(file).text),
    );
    console.log(`server-only: ${touching.length} modules touch the database or secrets`);
    expect(touching.length).toBeGreaterThan(50);
    expect(touching.filter((file) => !isMarked(file))).toEqual([]);
  });

  it("is reached by no client component, however indirectly", () => {
    const clientEntries = [...sourceFiles("app"), ...sourceFiles("components")].filter((file) =>
      directive(file, "use client"),
    );
    expect(clientEntries.length).toBeGreaterThan(10);
    // Walk what the browser bundle holds: server actions ("use server") reach it as references only.
    const reachedFrom = new Map<string, string>(clientEntries.map((file) => [file, file]));
    const queue = [...clientEntries];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (directive(file, "use server")) continue;
      for (const specifier of runtimeImports(file)) {
        const target = resolveLocal(file, specifier);
        if (target && !reachedFrom.has(target)) {
          reachedFrom.set(target, file);
          queue.push(target);
        }
      }
    }
    const chain = (file: string): string[] =>
      reachedFrom.get(file) === file ? [file] : [...chain(reachedFrom.get(file)!), file];
    const leaks = [...reachedFrom.keys()].filter(isMarked).map((file) => chain(file).join(" → "));
    expect(leaks).toEqual([]);
  });
});
