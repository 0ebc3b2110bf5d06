/** Small DOM helpers for the plain-DOM shell and the parts it loads on demand. */

/** A real button with its label and action. */
export function button(label: string, onClick: () => void, className = 'secondary'): HTMLButtonElement {
	const b = document.createElement('button');
	b.type = 'button';
	b.className = className;
	b.textContent = label;
	b.addEventListener('click', onClick);
	return b;
}
