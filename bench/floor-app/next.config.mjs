// The floor app of `npm run bench` (scripts/bench/floors.ts): built once, started beside the app.
const nextConfig = { poweredByHeader: false };
export default nextConfig;
