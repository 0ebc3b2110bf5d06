/*
 * The LMS side for the SCORM 1.2 browser test. scorm-again's Scorm12API is lenient about
 * lengths, so this harness enforces what SCORM 1.2 sets: cmi.suspend_data at most 4,096
 * characters (CMIString4096), every other string at most 255 (CMIString255). A value over the
 * limit is refused (as a strict LMS would) and recorded as a violation.
 *
 * The test sets window.__launch = { cmi, sco } before this runs (addInitScript): the cmi data the
 * LMS kept from earlier sessions, and the SCO's address.
 */
(function () {
	const launch = window.__launch || { cmi: {}, sco: '' };
	const api = new window.Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
	api.loadFromJSON(launch.cmi);
	const lms = (window.__lms = { calls: [], violations: [], stored: {}, finished: false });
	const limit = (element) => (element === 'cmi.suspend_data' ? 4096 : 255);
	const wrap = (name) => {
		const real = api[name].bind(api);
		return function (...args) {
			let result;
			if (name === 'LMSSetValue' && String(args[1]).length > limit(args[0])) {
				lms.violations.push({ element: args[0], length: String(args[1]).length });
				result = 'false';
			} else {
				result = real(...args);
			}
			if (name === 'LMSSetValue' && result === 'true') lms.stored[args[0]] = String(args[1]);
			if (name === 'LMSFinish' && result === 'true') lms.finished = true;
			lms.calls.push({ name, args, result, at: Date.now() });
			return result;
		};
	};
	window.API = {};
	for (const name of ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic']) {
		window.API[name] = wrap(name);
	}
	document.getElementById('sco').src = launch.sco;
})();
