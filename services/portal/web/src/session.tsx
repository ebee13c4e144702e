// The logged-in user as the BFF knows them: roles, the functions they carry, the CSRF token.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";
import { csrfHeaders, setCsrfToken } from "./api/client";
import { ApiError } from "./api/errors";

export type Session = {
  username: string;
  user_id: string;
  tenant: string;
  org_node: string;
  roles: string[];
  data_scope: string;
  functions: string[];
  csrf_token: string;
};

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a logged-in page");
  return session;
}

export function can(session: Session, fn: string): boolean {
  return session.functions.includes(fn);
}

async function readSession(): Promise<Session | null> {
  const response = await fetch("/bff/session", { credentials: "same-origin" });
  if (response.status === 401) return null;
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const session = (await response.json()) as Session;
  setCsrfToken(session.csrf_token);
  return session;
}

export async function logIn(username: string, password: string): Promise<Session> {
  const response = await fetch("/bff/login", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  setCsrfToken((body as Session).csrf_token);
  return body as Session;
}

export async function logOut(): Promise<void> {
  await fetch("/bff/logout", {
    method: "POST",
    credentials: "same-origin",
    headers: csrfHeaders("POST"),
  });
  setCsrfToken(null);
}

export function useSessionQuery() {
  return useQuery({ queryKey: ["session"], queryFn: readSession, staleTime: Infinity });
}

export function useSetSession() {
  const client = useQueryClient();
  return (session: Session | null) => {
    if (session === null) client.clear();
    client.setQueryData(["session"], session);
  };
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
