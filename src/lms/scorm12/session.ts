/**
 * A SCORM 1.2 session over the LMS's API: initialise once, read and write the data model,
 * commit, finish once. Every call is checked: a failure is kept with the LMS's own error code,
 * text and diagnostic (LMSGetLastError / LMSGetErrorString / LMSGetDiagnostic), so the learner
 * and support see why, and the course carries on with local progress.
 */
import type { Scorm12Api } from './api.ts';

/** One failed call, as the LMS explained it. */
export interface Scorm12Error {
	call: string;
	code: string;
	message: string;
	diagnostic: string;
}

export type SessionState = 'not-initialized' | 'running' | 'finished';

export class Scorm12Session {
	state: SessionState = 'not-initialized';
	/** Failed calls, oldest first (at most the last 20 are kept). */
	readonly errors: Scorm12Error[] = [];

	constructor(private readonly api: Scorm12Api) {}

	/** LMSInitialize(""): true when the LMS accepted it. Only once per session. */
	initialize(): boolean {
		if (this.state !== 'not-initialized') return this.state === 'running';
		const ok = this.check(
			'LMSInitialize',
			this.call(() => this.api.LMSInitialize('')),
		);
		if (ok) this.state = 'running';
		return ok;
	}

	/** The element's value, or '' when the LMS refused (the error is kept). */
	get(element: string): string {
		if (this.state !== 'running') return '';
		const value = this.call(() => this.api.LMSGetValue(element));
		const code = this.lastErrorCode();
		if (code !== '0' && code !== '') this.keep(`LMSGetValue(${element})`, code);
		return value ?? '';
	}

	/** Sets an element; true when the LMS accepted the value. */
	set(element: string, value: string): boolean {
		if (this.state !== 'running') return false;
		return this.check(
			`LMSSetValue(${element})`,
			this.call(() => this.api.LMSSetValue(element, value)),
		);
	}

	/** Asks the LMS to store what was set so far. */
	commit(): boolean {
		if (this.state !== 'running') return false;
		return this.check(
			'LMSCommit',
			this.call(() => this.api.LMSCommit('')),
		);
	}

	/** LMSFinish(""): ends the session; later calls do nothing. */
	finish(): boolean {
		if (this.state !== 'running') return false;
		const ok = this.check(
			'LMSFinish',
			this.call(() => this.api.LMSFinish('')),
		);
		this.state = 'finished';
		return ok;
	}

	/** An LMS whose API throws is treated as one that answered "false". */
	private call(f: () => string): string {
		try {
			return String(f());
		} catch {
			return 'false';
		}
	}

	private lastErrorCode(): string {
		return this.call(() => this.api.LMSGetLastError());
	}

	private check(call: string, result: string): boolean {
		if (result === 'true') return true;
		this.keep(call, this.lastErrorCode());
		return false;
	}

	private keep(call: string, code: string): void {
		const message = this.call(() => this.api.LMSGetErrorString(code));
		const diagnostic = this.call(() => this.api.LMSGetDiagnostic(code));
		this.errors.push({ call, code, message, diagnostic });
		if (this.errors.length > 20) this.errors.shift();
	}
}
