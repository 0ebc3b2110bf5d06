/** The Refresher island inside its error boundary: pages mount this, not the component itself. */
import Refresher from '../components/Refresher.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(Refresher);
