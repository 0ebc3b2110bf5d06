/**
 * An error boundary around each island: if one part of a page cannot be shown (say, a stored
 * value no check foresaw), that part says so in words and the rest of the page keeps working.
 * Islands are wrapped where they are mounted (src/islands/*), not inside the components.
 */
import { Component, type ComponentType, type ReactNode } from 'react';

class IslandBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
	override state = { failed: false };

	static getDerivedStateFromError(): { failed: boolean } {
		return { failed: true };
	}

	override render(): ReactNode {
		if (!this.state.failed) return this.props.children;
		return (
			<p className="notice notice--bad" role="alert" data-island-failed="">
				This part of the page could not be shown. Reload the page to try again.
			</p>
		);
	}
}

/** The island `Inner`, shown inside its own error boundary. */
export function guarded<P extends object>(Inner: ComponentType<P>): ComponentType<P> {
	const Guarded = (props: P) => (
		<IslandBoundary>
			<Inner {...props} />
		</IslandBoundary>
	);
	return Guarded;
}
