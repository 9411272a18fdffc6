import Link from "next/link";

/** What every 404 says, inside whatever frame the page has (with or without the signed-in header). */
export function NotFoundMessage() {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-zinc-600">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-6 text-sm font-medium text-indigo-700 hover:underline">
        Go to your home page
      </Link>
    </div>
  );
}
