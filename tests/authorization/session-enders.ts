import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

// What ends a session or someone's access, read from the source, so that the revocation suite
// can require a trigger for each: a call of lib/auth/sessions.ts's revoke functions, a deletion
// of users, memberships, accounts or sessions (their sessions and access go with the rows), or
// an update of sessions that sets `revokedAt` itself.

const REVOKE_FUNCTIONS = new Set(["revokeSession", "revokeAllSessions", "revokeSessionOf"]);
const TABLES_THAT_TAKE_ACCESS_ALONG = new Set(["users", "memberships", "accounts", "sessions"]);
/** Where the revoke functions themselves live. */
const PRIMITIVES = "lib/auth/sessions.ts";

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}

const calleeName = (call: ts.CallExpression) =>
  ts.isIdentifier(call.expression)
    ? call.expression.text
    : ts.isPropertyAccessExpression(call.expression)
      ? call.expression.name.text
      : null;

const isIdentifierNamed = (node: ts.Node | undefined, names: Set<string>) =>
  node !== undefined && ts.isIdentifier(node) && names.has(node.text);

function endsSessionsOrAccess(call: ts.CallExpression): boolean {
  const name = calleeName(call);
  if (name && REVOKE_FUNCTIONS.has(name)) return true;
  const [first] = call.arguments;
  if (name === "delete") return isIdentifierNamed(first, TABLES_THAT_TAKE_ACCESS_ALONG);
  // tx.update(sessions).set({ revokedAt: … })
  if (name === "set" && ts.isPropertyAccessExpression(call.expression)) {
    const target = call.expression.expression;
    const onSessions =
      ts.isCallExpression(target) &&
      calleeName(target) === "update" &&
      isIdentifierNamed(target.arguments[0], new Set(["sessions"]));
    const setsRevokedAt =
      first !== undefined &&
      ts.isObjectLiteralExpression(first) &&
      first.properties.some(
        (p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === "revokedAt",
      );
    return onSessions && setsRevokedAt;
  }
  return false;
}

/** The name a top-level statement declares: a function, or a variable (an action built by a helper). */
function declaredName(statement: ts.Statement): string {
  if (ts.isFunctionDeclaration(statement)) return statement.name?.text ?? "default";
  if (ts.isVariableStatement(statement)) {
    const name = statement.declarationList.declarations[0]?.name;
    if (name && ts.isIdentifier(name)) return name.text;
  }
  return "(module)";
}

/**
 * Every function of lib/ and app/ that ends sessions or access, as `file#function` (the
 * top-level declaration the call is in), sorted. Tests are not read.
 */
export function sessionAndAccessEnders(root = process.cwd()): string[] {
  const found = new Set<string>();
  for (const file of [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "app"))]) {
    const relative = path.relative(root, file).split(path.sep).join("/");
    if (relative === PRIMITIVES) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && endsSessionsOrAccess(node)) {
          found.add(`${relative}#${declaredName(statement)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(statement);
    }
  }
  return [...found].sort();
}
