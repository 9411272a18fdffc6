// "@react-email/components" for the integration suite (an alias in vitest.config.ts): the same
// components, from the same packages that barrel re-exports, less three no email of ours uses
// that take seconds to load — Tailwind (a CSS compiler), CodeBlock (Prism) and Markdown (a
// parser) — in every test file that renders an email. An email that starts using one fails to
// import here, by name: export it below.
export * from "@react-email/body";
export * from "@react-email/button";
export * from "@react-email/code-inline";
export * from "@react-email/column";
export * from "@react-email/container";
export * from "@react-email/font";
export * from "@react-email/head";
export * from "@react-email/heading";
export * from "@react-email/hr";
export * from "@react-email/html";
export * from "@react-email/img";
export * from "@react-email/link";
export * from "@react-email/preview";
export * from "@react-email/render";
export * from "@react-email/row";
export * from "@react-email/section";
export * from "@react-email/text";
