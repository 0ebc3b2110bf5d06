/** The ProfileForm island inside its error boundary: pages mount this, not the component itself. */
import ProfileForm from '../components/ProfileForm.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(ProfileForm);
