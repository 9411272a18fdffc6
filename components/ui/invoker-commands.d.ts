/**
 * The HTML invoker commands (`<button commandfor="id" command="show-modal">`) open and close a
 * native <dialog> without JavaScript. React 19 passes the lowercase attributes through to the
 * DOM untouched, but its types do not list them yet: this teaches TypeScript the two names once
 * instead of casting at every button. Drop it when @types/react knows them.
 */
import "react";

declare module "react" {
  // The type parameter must match React's own declaration of the interface.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ButtonHTMLAttributes<T> {
    commandfor?: string;
    command?: "show-modal" | "close" | "request-close" | "show-popover" | "hide-popover" | "toggle-popover";
  }
}
