// Runs the fake Resend server as a process of its own (the end-to-end tests start it).
import { startFakeResend } from "./server";

const port = Number(process.env.FAKE_RESEND_PORT ?? 3102);
startFakeResend(port).then(({ url }) => console.log(`Fake Resend listening on ${url}`));
