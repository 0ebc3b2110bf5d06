/** The Certificate island inside its error boundary: pages mount this, not the component itself. */
import Certificate from '../components/Certificate.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(Certificate);
