"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * False while the page is the server's HTML (and stays so without JavaScript); true once React
 * runs. For controls that need script (Copy, "Invite more people") and for showing a form's
 * answer in an open dialog after a POST made without script.
 */
export function useHydrated() {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
