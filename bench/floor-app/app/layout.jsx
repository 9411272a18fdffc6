// The floor app's root layout: an HTML shell and nothing else (no CSS, no scripts of our own).
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
