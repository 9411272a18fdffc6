// The framework's own cost (issue 15): a dynamic page with a table of `?rows=` rows and no
// database, no session, no proxy. scripts/bench picks `rows` so that the page is as large as
// the members page it is the floor of.
import { connection } from "next/server";

export default async function FloorPage({ searchParams }) {
  await connection(); // rendered per request, as the app's pages are
  const rows = Math.min(5000, Math.max(1, Number((await searchParams).rows) || 50));
  return (
    <main>
      <h1>Floor</h1>
      <table>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i}>
              <td>
                <a href={`/people/${i}`}>Person number {i}</a>
              </td>
              <td>person{i}@floor.test</td>
              <td>{i % 5 === 0 ? "Admin" : "Member"}</td>
              <td>Company {i % 50}</td>
              <td>{new Date(Date.UTC(2026, 0, 1 + (i % 365))).toISOString().slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
