/** The Acknowledge island inside its error boundary: pages mount this, not the component itself. */
import Acknowledge from '../components/Acknowledge.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(Acknowledge);
