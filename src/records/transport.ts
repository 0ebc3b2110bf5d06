/**
 * One way to a learning system. The plain xAPI launch (an LRS), a cmi5 LMS and the SCORM 1.2
 * runtime each implement `Transport`: open the connection, deliver batches, close it. What a
 * delivery came to is typed, so the connection machine (./connection-machine.ts) decides what
 * happens next (retry later, stop and say the credentials were refused, keep a refused item)
 * the same way for every learning system.
 */

/** What one attempt to deliver a batch came to. */
export type Delivery =
	/** The learning system has it. */
	| { kind: 'accepted' }
	/**
	 * Not delivered, worth trying again later: no connection (`offline`, HTTP status 0), or the
	 * system was busy or failing (429, 5xx). `retryAfterMs` is the system's own Retry-After.
	 */
	| { kind: 'retryable'; offline: boolean; status: number; message: string; retryAfterMs?: number }
	/** The credentials were refused (401, 403): trying again with them will not help. */
	| { kind: 'auth'; status: number; message: string }
	/** This batch itself was refused (any other 4xx, or an LMS error code): kept, shown, not retried blindly. */
	| { kind: 'rejected'; status: number; message: string };

/** What opening the connection came to: the session to use, or why there is none. */
export type Opening<Session> =
	| { kind: 'open'; session: Session }
	/** `message` is the course's own fixed wording for the learner; `detail` what the system said (My record only). */
	| { kind: 'refused'; message: string; detail?: string };

/**
 * A connection to one learning system. `Item` is what is delivered (xAPI statements; for
 * SCORM 1.2, snapshots of progress); `Session` what opening it gives (cmi5: LaunchData).
 */
export interface Transport<Item, Session = void> {
	/** Which learning system this talks to. */
	readonly kind: 'xapi' | 'cmi5' | 'scorm12';
	/** Opens the connection (cmi5: token, then LaunchData; SCORM: LMSInitialize). */
	start(): Promise<Opening<Session>>;
	/** Delivers one batch, oldest first. Never throws: every failure is a typed `Delivery`. */
	send(batch: readonly Item[]): Promise<Delivery>;
	/** Closes the connection (SCORM: LMSFinish); nothing is sent through it afterwards. */
	finish(): Promise<Delivery>;
}

/** True for the outcomes that a later attempt may fix. */
export function isRetryable(d: Delivery): d is Extract<Delivery, { kind: 'retryable' }> {
	return d.kind === 'retryable';
}

/** Sorts an HTTP answer (status 0: no answer at all) into a typed `Delivery`. */
export function deliveryOf(result: { ok: boolean; status: number; message?: string; retryAfterMs?: number }): Delivery {
	if (result.ok) return { kind: 'accepted' };
	if (result.status !== 0 && result.status < 500 && result.status !== 429 && result.status !== 401 && result.status !== 403) {
		return { kind: 'rejected', status: result.status, message: result.message ?? 'refused by the LRS' };
	}
	const message = result.message ?? (result.status ? `LRS answered ${result.status}` : 'No connection');
	if (result.status === 0 || result.status === 429 || result.status >= 500) {
		return {
			kind: 'retryable',
			offline: result.status === 0,
			status: result.status,
			message,
			...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
		};
	}
	return { kind: 'auth', status: result.status, message };
}
