import { useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  type ReactNode,
  use,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useLocation, useNavigate } from "react-router";
import { setCsrfToken, setUnauthorizedHandler } from "../api/client.ts";
import { endpoints } from "../api/endpoints.ts";
import { ApiError } from "../api/errors.ts";
import type { SessionUser } from "../api/types.ts";

export type SignedOutReason = "expired" | "signedOut" | "passwordChanged";

export type AuthState =
  | { status: "loading" }
  | { status: "signedOut"; reason?: SignedOutReason; notice?: string }
  | { status: "signedIn"; user: SessionUser };

interface AuthContextValue {
  state: AuthState;
  signIn: (email: string, password: string) => Promise<SessionUser>;
  signOut: () => Promise<void>;
  /** The server already ended the session (a password change): show sign-in with `notice`. */
  sessionEnded: (reason: SignedOutReason, notice?: string) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

// Remembers that this browser was signed in, so a 401 on the next visit reads as "your session
// expired" rather than a plain sign-in page.
const SIGNED_IN_FLAG = "baton.signedIn";

function setSignedInFlag(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_FLAG, "1");
    else localStorage.removeItem(SIGNED_IN_FLAG);
  } catch {}
}

function hadSession(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_FLAG) === "1";
  } catch {
    return false;
  }
}

/** Where sign-in sends people back to, from the location state the guard leaves. */
export interface SignInLocationState {
  from?: string;
  reason?: SignedOutReason;
  /** A line to show above the form (what just happened). */
  notice?: string;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef("/");
  here.current = `${location.pathname}${location.search}`;
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const controller = new AbortController();
    endpoints
      .session(controller.signal)
      .then((user) => {
        setCsrfToken(user.csrfToken);
        setSignedInFlag(true);
        setState({ status: "signedIn", user });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // 401 means not signed in; anything else (server down) also lands on sign-in, which
        // says what went wrong when the person tries.
        const unauthenticated = error instanceof ApiError && error.status === 401;
        if (!unauthenticated) console.warn(error);
        const expired = unauthenticated && hadSession();
        setSignedInFlag(false);
        setState(expired ? { status: "signedOut", reason: "expired" } : { status: "signedOut" });
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (stateRef.current.status !== "signedIn") return;
      setCsrfToken(null);
      setSignedInFlag(false);
      setState({ status: "signedOut", reason: "expired" });
      queryClient.clear();
      const from = here.current;
      navigate("/sign-in", {
        replace: true,
        state: { from, reason: "expired" } satisfies SignInLocationState,
      });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, queryClient]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const user = await endpoints.signIn(email, password);
      queryClient.clear();
      setCsrfToken(user.csrfToken);
      setSignedInFlag(true);
      setState({ status: "signedIn", user });
      return user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await endpoints.signOut();
    } finally {
      setCsrfToken(null);
      setSignedInFlag(false);
      setState({ status: "signedOut", reason: "signedOut" });
      queryClient.clear();
      navigate("/sign-in", {
        replace: true,
        state: { reason: "signedOut" } satisfies SignInLocationState,
      });
    }
  }, [navigate, queryClient]);

  const sessionEnded = useCallback(
    (reason: SignedOutReason, notice?: string) => {
      setCsrfToken(null);
      setSignedInFlag(false);
      // At once, not at the next render: a request answered 401 meanwhile must not take over.
      const next: AuthState = { status: "signedOut", reason, ...(notice ? { notice } : {}) };
      stateRef.current = next;
      setState(next);
      queryClient.clear();
      navigate("/sign-in", {
        replace: true,
        state: { reason, ...(notice ? { notice } : {}) } satisfies SignInLocationState,
      });
    },
    [navigate, queryClient],
  );

  const value = useMemo(
    () => ({ state, signIn, signOut, sessionEnded }),
    [state, signIn, signOut, sessionEnded],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const value = use(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}

/** The signed-in user; only inside the signed-in part of the app. */
export function useUser(): SessionUser {
  const { state } = useAuth();
  if (state.status !== "signedIn") throw new Error("useUser while not signed in");
  return state.user;
}
