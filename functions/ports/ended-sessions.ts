// Staff sessions ended by signing out. An ID token stays a valid JWT until it expires (up to an
// hour), so the staff pages ask here too: a copied session cookie dies with the sign-out.

export interface EndedSessions {
  /** Remembers the session as ended until every token of it has expired. Repeating it changes nothing. */
  end(sessionId: string, until: Date): Promise<void>;
  hasEnded(sessionId: string): Promise<boolean>;
}
