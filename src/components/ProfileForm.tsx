/**
 * "Your details": name, how you are identified in records, role and the recruiter flag, all
 * stored on this device only; and "Forget me on this device".
 */
import { useStore } from '@nanostores/react';
import { useEffect, useRef, useState } from 'react';
import { downloadRecord } from '../client/download.ts';
import { useAppReady } from './useAppReady.ts';
import { $profile } from '../stores/profile.ts';
import { profileErrors } from '../course/profile-checks.ts';
import { saveProfile } from '../stores/profile-form.ts';
import { recordJson } from '../stores/records.ts';
import { eraseAll } from '../stores/erase.ts';
import type { Role } from '../schemas/common.ts';
import { withBase } from '../site/urls.ts';
import { lmsLearner } from '../lms/learner.ts';

interface Props {
	roles: Array<{ id: string; label: string; description: string }>;
}

export default function ProfileForm({ roles }: Props) {
	const profile = useStore($profile);
	const [form, setForm] = useState({ name: '', idKind: 'email', id: '', role: '', recruiter: false });
	const ready = useAppReady(() => {
		const p = $profile.get();
		if (p) setForm({ name: p.name, idKind: p.idKind, id: p.id, role: p.role, recruiter: p.recruiter });
		else {
			// Launched by an LMS (SCORM 1.2): offer the name and id it gave; the learner picks their role.
			const lms = lmsLearner();
			if (lms) setForm((f) => ({ ...f, name: lms.name, idKind: lms.idKind, id: lms.id }));
		}
	});
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [saved, setSaved] = useState<null | 'device' | 'tab' | 'page'>(null);
	const [forgetting, setForgetting] = useState(false);
	const [forgotten, setForgotten] = useState(false);
	const forgottenRef = useRef<HTMLHeadingElement>(null);
	const summaryRef = useRef<HTMLDivElement>(null);
	const savedRef = useRef<HTMLParagraphElement>(null);
	const confirmRef = useRef<HTMLHeadingElement>(null);

	useEffect(() => {
		if (forgetting) confirmRef.current?.focus();
	}, [forgetting]);
	useEffect(() => {
		if (forgotten) forgottenRef.current?.focus();
	}, [forgotten]);
	if (!ready) return <p>Loading…</p>;
	if (forgotten) {
		return (
			<section aria-labelledby="forgotten-heading">
				<h2 id="forgotten-heading" tabIndex={-1} ref={forgottenRef}>
					Everything has been deleted from this device
				</h2>
				<p>Your details, progress and training record are no longer stored in this browser.</p>
				<p>
					<a href={withBase('/')}>Start the course again</a>
				</p>
			</section>
		);
	}

	function submit(e: React.FormEvent) {
		e.preventDefault();
		const found = profileErrors(form);
		setErrors(found);
		setSaved(null);
		if (Object.keys(found).length) {
			requestAnimationFrame(() => summaryRef.current?.focus());
			return;
		}
		// Say "saved" only when the browser actually stored the details.
		setSaved(saveProfile({ name: form.name, idKind: form.idKind as 'email' | 'staff', id: form.id, role: form.role as Role, recruiter: form.recruiter }));
		requestAnimationFrame(() => savedRef.current?.focus());
	}

	const field = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {});
	return (
		<div>
			<form onSubmit={submit} noValidate>
				{Object.keys(errors).length > 0 && (
					<div className="notice notice--bad" ref={summaryRef} tabIndex={-1} role="alert">
						<h2>There is a problem</h2>
						<ul>
							{Object.entries(errors).map(([k, v]) => (
								<li key={k}>
									<a href={`#${k === 'role' ? `role-${roles[0]!.id}` : k}`}>{v}</a>
								</li>
							))}
						</ul>
					</div>
				)}
				{saved === 'device' && (
					<p className="notice notice--ok" role="status" tabIndex={-1} ref={savedRef}>
						Your details are saved on this device. <a href={withBase('/')}>Go to your course</a>.
					</p>
				)}
				{saved === 'tab' && (
					<p className="notice notice--bad" role="alert" tabIndex={-1} ref={savedRef}>
						Your details are kept only until you close this tab: this browser is not letting the course save anything on this device.{' '}
						<a href={withBase('/')}>Go to your course</a>.
					</p>
				)}
				{saved === 'page' && (
					<p className="notice notice--bad" role="alert" tabIndex={-1} ref={savedRef}>
						Your details could not be saved: this browser did not let the course store them (its storage may be full or switched off). They are used only until
						you leave this page. Free some space or allow this site to store data, then save again.
					</p>
				)}
				<div className="field">
					<label htmlFor="name">Your name</label>
					<span className="hint">As it should appear on your certificate (up to 100 characters).</span>
					{errors.name && (
						<p className="error-message" id="name-error">
							{errors.name}
						</p>
					)}
					<input type="text" id="name" autoComplete="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...field('name')} />
				</div>
				<fieldset>
					<legend>How should your training record identify you?</legend>
					<div className="option">
						<input type="radio" id="idKind-email" name="idKind" checked={form.idKind === 'email'} onChange={() => setForm({ ...form, idKind: 'email' })} />
						<label htmlFor="idKind-email">My work email address</label>
					</div>
					<div className="option">
						<input type="radio" id="idKind-staff" name="idKind" checked={form.idKind === 'staff'} onChange={() => setForm({ ...form, idKind: 'staff' })} />
						<label htmlFor="idKind-staff">
							My staff number (if you have no work email, for example as a volunteer, ask your academy office for a reference)
						</label>
					</div>
				</fieldset>
				<div className="field">
					<label htmlFor="id">{form.idKind === 'email' ? 'Work email address' : 'Staff number'}</label>
					{errors.id && (
						<p className="error-message" id="id-error">
							{errors.id}
						</p>
					)}
					<input
						type={form.idKind === 'email' ? 'email' : 'text'}
						id="id"
						autoComplete={form.idKind === 'email' ? 'email' : 'off'}
						spellCheck={false}
						value={form.id}
						onChange={(e) => setForm({ ...form, id: e.target.value })}
						{...field('id')}
					/>
				</div>
				<fieldset aria-describedby={errors.role ? 'role-error' : undefined}>
					<legend>Your role</legend>
					<span className="hint">Clause 2.2 of the policy counts all of these as staff members. Your role decides which lessons are required for you.</span>
					{errors.role && (
						<p className="error-message" id="role-error">
							{errors.role}
						</p>
					)}
					{roles.map((r) => (
						<div className="option" key={r.id}>
							<input
								type="radio"
								id={`role-${r.id}`}
								name="role"
								value={r.id}
								checked={form.role === r.id}
								onChange={() => setForm({ ...form, role: r.id })}
								aria-describedby={`role-${r.id}-hint`}
							/>
							<label htmlFor={`role-${r.id}`}>
								{r.label}{' '}
								<span className="hint" id={`role-${r.id}-hint`}>
									{r.description}
								</span>
							</label>
						</div>
					))}
				</fieldset>
				<fieldset>
					<legend>Recruitment</legend>
					<div className="option">
						<input type="checkbox" id="recruiter" checked={form.recruiter} onChange={(e) => setForm({ ...form, recruiter: e.target.checked })} />
						<label htmlFor="recruiter">I shortlist or interview candidates (adds the recruitment module, clause 7.3)</label>
					</div>
				</fieldset>
				<button type="submit">Save my details</button>
			</form>

			<h2>Forget me on this device</h2>
			<p>Deletes your details, progress and training record from this browser. Use it on a shared computer when you have finished.</p>
			{!forgetting ? (
				<button type="button" className="secondary" onClick={() => setForgetting(true)}>
					Forget me on this device
				</button>
			) : (
				<div className="notice notice--bad" role="region" aria-labelledby="forget-heading">
					<h3 id="forget-heading" tabIndex={-1} ref={confirmRef}>
						Are you sure?
					</h3>
					<p>
						Everything the course stored on this device will be deleted and cannot be recovered. Download your training record first if you need proof of your
						training{profile ? '' : ''}.
					</p>
					<button type="button" className="secondary" onClick={() => downloadRecord(recordJson(), profile?.name)}>
						Download my training record
					</button>
					<button
						type="button"
						className="warning"
						onClick={() => {
							eraseAll();
							setForgotten(true);
						}}
					>
						Yes, delete everything
					</button>
					<button type="button" className="secondary" onClick={() => setForgetting(false)}>
						Cancel
					</button>
				</div>
			)}
		</div>
	);
}
